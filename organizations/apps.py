from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Cơ quan, đơn vị")
    menu = [
        {"label": _("Đơn vị"), "url_name": "organizations:unit_list", "order": 80},
        {"label": _("Cán bộ"), "url_name": "organizations:people", "order": 85},
    ]

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from organizations import models

        for model in (models.Level, models.Unit, models.UnitAlias, models.UnitGroup, models.Membership):
            auditlog.register(model, m2m_fields={"members"} if model is models.UnitGroup else None)
