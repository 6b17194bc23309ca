from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnestopConfig(AppConfig):
    name = "onestop"
    verbose_name = _("Một cửa")
    menu = [{"label": _("Một cửa"), "url_name": "onestop:dashboard", "order": 30}]

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from core.metrics import Metric, register_metric
        from onestop import metrics, models

        for model in (models.ServiceLevel, models.Procedure, models.Target):
            auditlog.register(model)
        for key, label, compute in metrics.METRICS:
            register_metric(Metric(key=key, label=label, compute=compute, kind="rate", source="onestop"))
