from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo định kỳ")
    menu = [
        {"label": _("Báo cáo định kỳ"), "url_name": "reports:cycle_list", "order": 50},
        {"label": _("Chỉ số 766 (ước tính)"), "url_name": "reports:index766", "order": 51},
    ]

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from core.jobs import register_daily_job
        from reports import models

        for model in (
            models.ReportTemplate,
            models.ReportKind,
            models.ReportCycle,
            models.IndexRuleSet,
            models.IndexIndicator,
        ):
            auditlog.register(model)
        auditlog.register(models.UnitReport)
        register_daily_job("reports.remind", _remind, label="Nhắc hạn gửi báo cáo định kỳ", order=20)


def _remind(on):
    from reports.services import reports_remind

    return reports_remind(on=on).as_dict()
