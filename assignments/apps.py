from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    name = "assignments"
    verbose_name = _("Nhiệm vụ")
    menu = [
        {"label": _("Nhiệm vụ"), "url_name": "assignments:inbox", "order": 10},
        {"label": _("Văn bản chỉ đạo"), "url_name": "assignments:directive_list", "order": 11},
        {"label": _("Theo dõi, đôn đốc"), "url_name": "assignments:dashboard", "order": 12},
    ]

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from assignments import models, selectors
        from core.home import register_home_section
        from core.jobs import register_daily_job
        from core.metrics import Metric, register_metric

        # "items" (the reverse relation) would shadow `changes_dict.items` in the history template.
        auditlog.register(models.Directive, exclude_fields=["items"])
        auditlog.register(models.DirectiveItem)
        auditlog.register(models.Assignment, m2m_fields={"coordinators"}, exclude_fields=["search"])
        auditlog.register(models.ProgressReport)
        auditlog.register(models.ExtensionRequest)
        auditlog.register(models.Attachment)
        register_home_section(
            "assignments", lambda user, today: selectors.home_summary(user=user, today=today), order=10
        )
        register_metric(
            Metric(
                key="assignments.on_time_rate",
                label=_("Tỷ lệ nhiệm vụ hoàn thành đúng hạn"),
                compute=selectors.on_time_rate,
                kind="rate",
                source="assignments",
            )
        )
        register_daily_job(
            "assignments.reminders", _send_reminders, label="Nhắc việc, cảnh báo quá hạn, thư tổng hợp", order=10
        )


def _send_reminders(on):
    from assignments.reminders import reminders_send

    return reminders_send(on=on).as_dict()
