from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParindexConfig(AppConfig):
    name = "parindex"
    verbose_name = _("Chỉ số CCHC")
    menu = [{"label": _("Chỉ số CCHC"), "url_name": "parindex:set_list", "order": 40}]

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from parindex import models

        for model in (models.CriteriaSet, models.Criterion, models.Evidence, models.RankingBand):
            auditlog.register(model)
        auditlog.register(models.Assessment, exclude_fields=["scores"])
        auditlog.register(models.Score, m2m_fields={"evidence"})
