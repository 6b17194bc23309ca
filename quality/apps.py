from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "quality"
    verbose_name = _("ISO 9001")
    menu = [{"label": _("ISO 9001"), "url_name": "quality:overview", "order": 50}]

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from core.evidence import register_evidence_source
        from core.metrics import Metric, register_metric
        from quality import metrics, models, selectors

        for model in (
            models.QualityRule,
            models.QualitySystem,
            models.QualityDocument,
            models.QualityReview,
            models.CorrectiveAction,
            models.LegalUpdate,
        ):
            auditlog.register(model)
        register_metric(
            Metric(
                key="quality.documents_up_to_date_rate",
                label=_("Tỷ lệ quy trình ISO đã cập nhật theo TTHC"),
                compute=metrics.documents_up_to_date_rate,
                kind="rate",
                source="quality",
            )
        )
        register_evidence_source("quality", selectors.evidence_candidates)
