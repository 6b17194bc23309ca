"""Writes of the reports app: open a cycle, fill and edit a unit's report, submit, accept or return, remind."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from core.metrics import get_metric
from organizations import permissions
from organizations.models import Unit
from reports.choices import FigureSource, ReportStatus, Timeliness
from reports.models import FigureRow, ReportCycle, ReportFigure, ReportKind, ReportSectionText, UnitReport
from reports.selectors import (
    calendar_for,
    can_edit,
    can_review,
    cycle_due_date,
    cycle_period,
    cycle_title,
    effective_due,
    report_timeliness,
    reporting_units,
)

MAX_SIGNED_FILE_BYTES = 20 * 1024 * 1024
SIGNED_FILE_EXTENSIONS = (".pdf", ".docx", ".doc", ".zip")


def _refuse() -> None:
    raise ApplicationError(_("Bạn không có quyền thực hiện thao tác này."))


@transaction.atomic
def report_cycle_open(
    *, kind: ReportKind, year: int, number: int, owner: Unit, user=None, due_on: dt.date | None = None
) -> ReportCycle:
    """Open (or re-open, idempotently) a cycle: a draft per unit that must report, figures filled in."""
    if user is not None and not permissions.can(user, "manage", owner.pk):
        _refuse()
    template = kind.template
    if template is None:
        raise ApplicationError(_("Loại kỳ «%(kind)s» chưa có mẫu báo cáo.") % {"kind": kind.name})
    try:
        period = cycle_period(kind, year, number)
    except ValueError as exc:
        raise ApplicationError(str(exc)) from exc
    cycle, _created = ReportCycle.objects.get_or_create(
        owner=owner,
        kind=kind,
        year=year,
        number=number,
        defaults={
            "template": template,
            "title": cycle_title(kind, year, number),
            "start": period.start,
            "end": period.end,
            "due_on": due_on or cycle_due_date(kind, year, number),
            "opened_by": user,
        },
    )
    existing = set(cycle.reports.values_list("unit_id", flat=True))
    for unit in reporting_units(kind=kind, owner=owner, on=period.end):
        if unit.pk in existing:
            continue
        report = UnitReport.objects.create(cycle=cycle, unit=unit)
        ReportSectionText.objects.bulk_create(
            [ReportSectionText(report=report, section=section) for section in cycle.template.sections.all()]
        )
        ReportFigure.objects.bulk_create(
            [ReportFigure(report=report, row=row) for row in cycle.template.figure_rows.all()]
        )
        unit_report_fill_figures(report=report)
    return cycle


def unit_report_fill_figures(*, report: UnitReport) -> UnitReport:
    """(Re)compute the system's figures of the report's unit and period; typed figures are left alone."""
    cycle = report.cycle
    now = timezone.now()
    for figure in report.figures.select_related("row").filter(row__source=FigureSource.METRIC):
        metric = get_metric(figure.row.metric_key)
        if metric is None:
            figure.value = figure.numerator = figure.denominator = None
            figure.text = _("Chưa có số liệu «%(key)s» trong hệ thống") % {"key": figure.row.metric_key}
        else:
            result = metric.compute(report.unit, cycle.start, cycle.end)
            figure.value = result.value.quantize(Decimal("0.0001")) if result.value is not None else None
            figure.numerator, figure.denominator, figure.text = result.numerator, result.denominator, ""
        figure.computed_at = now
        figure.save(update_fields=["value", "numerator", "denominator", "text", "computed_at"])
    return report


@transaction.atomic
def unit_report_save(
    *,
    report: UnitReport,
    texts: dict[int, str],
    figures: dict[int, Decimal | None],
    notes: dict[int, str] | None = None,
    signed_file=None,
    user=None,
) -> UnitReport:
    """Save the unit's narrative (section id → text), typed figures (row id → value) and the signed file."""
    if user is not None and not can_edit(user, report):
        _refuse()
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise ApplicationError(_("Báo cáo đã gửi, không sửa được."))
    for item in report.texts.filter(section_id__in=list(texts)):
        item.text = texts[item.section_id].strip()
        item.save(update_fields=["text"])
    typed = report.figures.select_related("row").filter(row__source=FigureSource.TYPED)
    for figure in typed:
        changed = []
        if figure.row_id in figures:
            figure.value = figures[figure.row_id]
            changed.append("value")
        if notes and figure.row_id in notes:
            figure.text = notes[figure.row_id].strip()[:500]
            changed.append("text")
        if changed:
            figure.save(update_fields=changed)
    if signed_file is not None:
        from core import files

        name = getattr(signed_file, "name", "") or "ban-ky-so.pdf"
        # The one upload policy: size, type by content (not the name), archive limits, virus scan.
        files.check_upload(signed_file, allowed=SIGNED_FILE_EXTENSIONS, max_mb=MAX_SIGNED_FILE_BYTES // (1024 * 1024))
        report.signed_file.save(f"bao-cao-{report.pk}{name[name.rfind('.') :].lower()}", signed_file, save=False)
        report.signed_file_name = name[:255]
        report.save(update_fields=["signed_file", "signed_file_name", "updated_at"])
    return report


@transaction.atomic
def unit_report_submit(*, report: UnitReport, user=None, on: dt.datetime | None = None) -> UnitReport:
    if user is not None and not can_edit(user, report):
        _refuse()
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise ApplicationError(_("Báo cáo đã được gửi."))
    when = on or timezone.now()
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = when
    report.first_submitted_at = report.first_submitted_at or when
    report.submitted_by = user
    report.full_clean()
    report.save(update_fields=["status", "submitted_at", "first_submitted_at", "submitted_by", "updated_at"])
    _notify_reviewers(report)
    return report


@transaction.atomic
def unit_report_accept(*, report: UnitReport, user=None) -> UnitReport:
    if user is not None and not can_review(user, report):
        _refuse()
    if report.status != ReportStatus.SUBMITTED:
        raise ApplicationError(_("Chỉ tiếp nhận được báo cáo đã gửi."))
    report.status = ReportStatus.ACCEPTED
    report.reviewed_at, report.reviewed_by, report.return_reason = timezone.now(), user, ""
    report.save(update_fields=["status", "reviewed_at", "reviewed_by", "return_reason", "updated_at"])
    return report


@transaction.atomic
def unit_report_return(*, report: UnitReport, reason: str, user=None) -> UnitReport:
    if user is not None and not can_review(user, report):
        _refuse()
    if report.status not in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        raise ApplicationError(_("Chỉ trả lại được báo cáo đã gửi."))
    if not reason.strip():
        raise ApplicationError(_("Cần ghi lý do trả lại."))
    report.status = ReportStatus.RETURNED
    report.reviewed_at, report.reviewed_by, report.return_reason = timezone.now(), user, reason.strip()
    report.save(update_fields=["status", "reviewed_at", "reviewed_by", "return_reason", "updated_at"])
    _notify_unit(report, _("Báo cáo bị trả lại: %(cycle)s") % {"cycle": report.cycle.title}, reason.strip())
    return report


def _people(unit_ids, roles=None) -> list:
    from organizations.choices import Role
    from organizations.models import Membership

    memberships = Membership.objects.filter(unit_id__in=list(unit_ids), is_active=True, user__is_active=True)
    memberships = memberships.filter(role__in=roles) if roles else memberships.exclude(role=Role.VIEWER)
    return list({m.user_id: m.user for m in memberships.select_related("user")}.values())


def _notice(user, *, report: UnitReport, kind: str, subject: str, body: str = "", on: dt.date) -> bool:
    """One in-app notice (and e-mail, by the assignments' reminder mailer) per user, report, kind and day.

    The key names the report, so two reports of the same day never hide each other."""
    from assignments.models import Notification
    from assignments.reminders import _email

    notification, created = Notification.objects.get_or_create(
        recipient=user,
        key=f"{kind}:report-{report.pk}:{on.isoformat()}",
        defaults={
            "kind": kind,
            "reference_date": on,
            "subject": subject[:300],
            "body": body,
            "url": report.get_absolute_url(),
        },
    )
    if created and user.email:
        transaction.on_commit(lambda: _email([notification.pk]))
    return created


def _notify_unit(report: UnitReport, subject: str, body: str = "", kind: str | None = None, on=None) -> int:
    from assignments.choices import NotificationKind

    on = on or timezone.localdate()
    kind = kind or NotificationKind.REPORT_REVIEWED
    return sum(
        _notice(user, report=report, kind=kind, subject=subject, body=body, on=on) for user in _people([report.unit_id])
    )


def _notify_reviewers(report: UnitReport) -> None:
    from assignments.choices import NotificationKind
    from organizations.choices import Role

    owner = report.cycle.owner
    tree = Unit.objects.descendants(owner, include_self=True).values_list("pk", flat=True)
    reviewers = {u.pk: u for u in _people(tree, roles=[Role.FOCAL_POINT])}
    reviewers.update({u.pk: u for u in _people([owner.pk], roles=[Role.LEADER])})
    for user in reviewers.values():
        _notice(
            user,
            report=report,
            kind=NotificationKind.REPORT_SUBMITTED,
            subject=_("%(unit)s đã gửi %(cycle)s") % {"unit": report.unit, "cycle": report.cycle.title},
            on=timezone.localdate(),
        )


@dataclass
class RemindSummary:
    on: str
    working_day: bool = True
    due_soon: int = 0
    late: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def reports_remind(*, on: dt.date | None = None, days_before: tuple[int, ...] | None = None) -> RemindSummary:
    """Remind units that have not submitted: N working days before the due date, and every working day
    after it (one notice per unit user per day, through the assignments' notification machinery)."""
    from django.conf import settings

    from assignments.choices import NotificationKind

    on = on or timezone.localdate()
    summary = RemindSummary(on=on.isoformat())
    configured: tuple[int, ...] = tuple(getattr(settings, "REPORT_REMINDER_DAYS_BEFORE", (5, 1)))
    before = set(days_before or configured)
    pending = UnitReport.objects.filter(
        first_submitted_at__isnull=True, cycle__end__lte=on + dt.timedelta(days=62)
    ).select_related("cycle", "unit")
    for report in pending:
        calendar = calendar_for(report.cycle, on)
        if not calendar.is_working_day(on):
            summary.working_day = False
            return summary
        timeliness, late = report_timeliness(report, calendar=calendar, on=on)
        if timeliness == Timeliness.NOT_DUE:
            left = calendar.working_days_between(on, effective_due(report.cycle.due_on, calendar))
            if left in before:
                summary.due_soon += _notify_unit(
                    report,
                    _("Còn %(n)s ngày làm việc đến hạn gửi %(cycle)s (%(date)s)")
                    % {"n": left, "cycle": report.cycle.title, "date": report.cycle.due_on.strftime("%d/%m/%Y")},
                    kind=NotificationKind.DUE_SOON,
                    on=on,
                )
        elif timeliness == Timeliness.MISSING:
            summary.late += _notify_unit(
                report,
                _("Chưa gửi %(cycle)s, quá hạn %(n)s ngày làm việc") % {"cycle": report.cycle.title, "n": late},
                kind=NotificationKind.OVERDUE,
                on=on,
            )
    return summary


def figure_rows_for(report: UnitReport) -> list[FigureRow]:
    return list(report.cycle.template.figure_rows.all())


def validate_decimal(raw: str) -> Decimal | None:
    text = (raw or "").strip().replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except ArithmeticError as exc:
        raise ValidationError(_("Số không hợp lệ: %(v)s") % {"v": raw}) from exc
    if not value.is_finite() or abs(value) >= Decimal("1e10"):
        raise ValidationError(_("Số không hợp lệ: %(v)s") % {"v": raw})
    return value
