"""XLSX lists and the Word status report (Decree 30/2020 layout through `core.exports`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments.choices import AssignmentStatus
from assignments.models import Assignment, ProgressReport
from assignments.selectors import UnitRow, status_counts, with_status
from core.exports import (  # noqa: F401 - re-exported for the views
    DOCX_CONTENT_TYPE,
    OfficialDocument,
    Percent,
    add_table,
    file_response,
    official_docx,
    xlsx_response,
)
from organizations import permissions
from organizations.models import Membership, Unit


def _source(assignment: Assignment) -> str:
    if assignment.item_id:
        return str(assignment.item.directive)
    return assignment.source_label


def assignment_rows(assignments: Iterable[Assignment], *, with_days_late: bool = False):
    headers = [
        _("STT"),
        _("Nội dung nhiệm vụ"),
        _("Đơn vị chủ trì"),
        _("Nguồn giao"),
        _("Thời hạn"),
        _("Trạng thái"),
        _("Ngày hoàn thành"),
    ]
    if with_days_late:
        headers.append(_("Số ngày quá hạn"))

    def rows():
        for number, a in enumerate(assignments, start=1):
            row = [number, a.content, str(a.lead_unit), _source(a), a.deadline, str(a.status.label), a.done_on]
            if with_days_late:
                row.append(a.days_late)
            yield row

    return headers, rows()


def directive_rows(directives):
    headers = [
        _("Số, ký hiệu"),
        _("Ngày"),
        _("Trích yếu"),
        _("Cơ quan ban hành"),
        _("Người ký"),
        _("Số nội dung"),
        _("Trạng thái"),
    ]
    rows = (
        [d.number, d.date, d.title, str(d.issuing_unit), d.signer, d.item_count, str(d.get_status_display())]
        for d in directives
    )
    return headers, rows


def unit_rows(summary: list[UnitRow]):
    headers = [
        _("Đơn vị"),
        _("Tổng số"),
        str(AssignmentStatus.ON_TRACK.label),
        str(AssignmentStatus.OVERDUE.label),
        str(AssignmentStatus.DONE_ON_TIME.label),
        str(AssignmentStatus.DONE_LATE.label),
        _("Tỷ lệ hoàn thành"),
        _("Tỷ lệ báo cáo đúng hạn"),
    ]
    rows = [
        [
            str(r.unit),
            r.total,
            r.counts.get(AssignmentStatus.ON_TRACK, 0),
            r.counts.get(AssignmentStatus.OVERDUE, 0),
            r.counts.get(AssignmentStatus.DONE_ON_TIME, 0),
            r.counts.get(AssignmentStatus.DONE_LATE, 0),
            Percent(r.completion_rate) if r.completion_rate is not None else None,
            Percent(r.reporting_rate) if r.reporting_rate is not None else None,
        ]
        for r in summary
    ]
    return headers, rows


def _issuer_for(user) -> Unit | None:
    membership = permissions.memberships_of(user).order_by("unit__level__rank", "pk").first()
    if membership is None:
        return None
    return Unit.objects.ancestors(membership.unit, include_self=True).first()


def status_report_docx(*, queryset, start: dt.date, end: dt.date, user) -> bytes:
    """The table the chair reads at the next progress meeting: every assignment active in the period
    (issued by its end, not finished before its start), its status and the latest report."""
    today = timezone.localdate()
    on = min(end, today)
    active = (
        with_status(queryset.model.objects.filter(pk__in=queryset.values("pk")), on=on)
        .filter(created_at__date__lte=end, cancelled_at__isnull=True)
        .exclude(done_at__date__lt=start)
        .select_related("lead_unit", "item__directive")
        .prefetch_related(
            Prefetch("reports", queryset=ProgressReport.objects.order_by("-created_at"), to_attr="latest_reports")
        )
        .order_by("deadline", "lead_unit__short_name", "pk")
    )
    assignments = list(active)
    counts = status_counts(active)
    issuer = _issuer_for(user)
    leader = (
        Membership.objects.filter(unit=issuer, role="leader", is_active=True).select_related("user").first()
        if issuer
        else None
    )
    doc = OfficialDocument(
        issuing_body=issuer.short_name if issuer else "",
        parent_body=issuer.parent.short_name if issuer and issuer.parent else "",
        number="Số:      /BC-UBND",
        place=(issuer.short_name.split(" ", 2)[-1] if issuer else ""),
        date=today,
        doc_type=_("Báo cáo"),
        summary=_("Tình hình thực hiện nhiệm vụ được giao từ ngày %(start)s đến ngày %(end)s")
        % {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"},
        signer_title=leader.position if leader and leader.position else _("Chủ tịch"),
        signer_name=leader.user.get_full_name() if leader else "",
        recipients=[_("Như trên"), _("Lưu: VT")],
    )

    def body(document):
        document.add_paragraph(_("I. TÌNH HÌNH CHUNG")).runs[0].bold = True
        document.add_paragraph(
            _(
                "Trong kỳ có %(total)s nhiệm vụ: %(on_track)s đang thực hiện trong hạn, %(overdue)s quá hạn, "
                "%(on_time)s hoàn thành đúng hạn, %(late)s hoàn thành quá hạn."
            )
            % {
                "total": counts["total"],
                "on_track": counts[AssignmentStatus.ON_TRACK],
                "overdue": counts[AssignmentStatus.OVERDUE],
                "on_time": counts[AssignmentStatus.DONE_ON_TIME],
                "late": counts[AssignmentStatus.DONE_LATE],
            }
        )
        document.add_paragraph(_("II. CHI TIẾT TỪNG NHIỆM VỤ")).runs[0].bold = True
        rows = []
        for number, a in enumerate(assignments, start=1):
            latest = a.latest_reports[0] if a.latest_reports else None
            progress = f"{latest.percent}% – {latest.text[:300]}" if latest else _("Chưa báo cáo")
            note = _("Quá hạn %(n)s ngày") % {"n": a.days_late} if a.status == AssignmentStatus.OVERDUE else ""
            rows.append(
                [number, a.content, str(a.lead_unit), a.deadline, str(a.status.label), progress, note or _source(a)]
            )
        add_table(
            document,
            [
                _("STT"),
                _("Nội dung nhiệm vụ"),
                _("Đơn vị chủ trì"),
                _("Thời hạn"),
                _("Trạng thái"),
                _("Kết quả thực hiện"),
                _("Ghi chú"),
            ],
            rows,
        )

    return official_docx(doc, body)
