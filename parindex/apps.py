from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParindexConfig(AppConfig):
    name = "parindex"
    verbose_name = _("Chỉ số CCHC")
    menu = [{"label": _("Chỉ số CCHC"), "url_name": "parindex:set_list", "order": 40}]

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from core.home import register_home_section
        from parindex import models, selectors

        for model in (models.CriteriaSet, models.Criterion, models.Evidence, models.RankingBand):
            auditlog.register(model)
        auditlog.register(models.Assessment, exclude_fields=["scores"])
        auditlog.register(models.Score, m2m_fields={"evidence"})
        register_home_section("parindex", lambda user, today: selectors.home_flags(user=user, today=today), order=40)
