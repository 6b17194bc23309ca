from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = _("Lưu trữ")
    menu = [{"label": _("Lưu trữ"), "url_name": "records:overview", "order": 55}]

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from core.evidence import register_evidence_source
        from core.metrics import Metric, register_metric
        from records import metrics, models, selectors

        for model in (
            models.DepositRule,
            models.FileList,
            models.WorkFile,
            models.WorkFileCount,
            models.ArchiveBacklog,
            models.SortingPlan,
            models.SortingProgress,
        ):
            auditlog.register(model)
        for key, label, compute in [
            ("records.deposit_on_time_rate", _("Tỷ lệ hồ sơ nộp lưu đúng hạn"), metrics.deposit_on_time_rate),
            ("records.backlog_sorted_rate", _("Tỷ lệ tài liệu tồn đọng đã chỉnh lý"), metrics.backlog_sorted_rate),
            ("records.digitised_dossier_rate", _("Tỷ lệ hồ sơ một cửa được số hóa"), metrics.digitised_dossier_rate),
            (
                "records.electronic_result_rate",
                _("Tỷ lệ kết quả giải quyết TTHC điện tử"),
                metrics.electronic_result_rate,
            ),
        ]:
            register_metric(Metric(key=key, label=label, compute=compute, kind="rate", source="records"))
        register_evidence_source("records", selectors.evidence_candidates)
