from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Trang công khai")
    menu = [{"label": _("Trang công khai"), "url_name": "portal:staff_articles", "order": 55}]

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from portal import models

        auditlog.register(models.Category)
        auditlog.register(models.Article, exclude_fields=["body"])
