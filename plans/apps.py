from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Kế hoạch")
    menu = [{"label": _("Kế hoạch"), "url_name": "plans:plan_list", "order": 20}]

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from core.evidence import register_evidence_source
        from core.metrics import Metric, register_metric
        from plans import metrics, models, selectors

        for model in (models.PlanKind, models.PlanRequirement, models.Plan, models.PlanSection, models.Activity):
            auditlog.register(model)
        for key, label, compute in metrics.METRICS:
            register_metric(Metric(key=key, label=label, compute=compute, kind="rate", source="plans"))
        register_evidence_source("plans", selectors.evidence_candidates)
