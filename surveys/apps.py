from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Khảo sát hài lòng")
    menu = [{"label": _("Khảo sát hài lòng"), "url_name": "surveys:dashboard", "order": 50}]

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from core.metrics import Metric, register_metric
        from surveys import metrics, models

        for model in (models.Questionnaire, models.Factor, models.Question):
            auditlog.register(model)
        auditlog.register(models.Response, include_fields=["comment_status"])
        for key, label, compute in metrics.METRICS:
            register_metric(Metric(key=key, label=label, compute=compute, kind="rate", source="surveys"))
