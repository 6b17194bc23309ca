"""Writes about directives and assignments that carry a rule (HackSoft services).

Every function is keyword-only, validates before it writes, and raises `ApplicationError` with a
Vietnamese message on a broken rule — in which case nothing is written.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments import conf
from assignments.choices import DirectiveStatus, ExtensionDecision, ItemKind, NotificationKind, ReviewState
from assignments.models import (
    Assignment,
    Attachment,
    Directive,
    DirectiveItem,
    ExtensionRequest,
    Meeting,
    Notification,
    ProgressReport,
)
from core.errors import ApplicationError
from core.text import normalize
from organizations import permissions
from organizations.choices import Role
from organizations.models import Membership, Unit, UnitGroup
from organizations.selectors import NameMatch, UnitNameIndex, unit_group_members

# --- Helpers ------------------------------------------------------------------------------


def _search_text(assignment: Assignment) -> str:
    parts = [assignment.content, assignment.source_label, str(assignment.lead_unit)]
    if assignment.item is not None:
        directive = assignment.item.directive
        parts += [directive.number, directive.title]
    return normalize(" ".join(p for p in parts if p))


def _require(user, action: permissions.Action, unit_id: int, message: str) -> None:
    if not permissions.can(user, action, unit_id):
        raise ApplicationError(message)


def unit_users(unit_ids: Iterable[int], roles: Sequence[str] | None = None) -> list:
    """Active users with a membership in `unit_ids` (and one of `roles`), each once."""
    memberships = Membership.objects.filter(unit_id__in=list(unit_ids), is_active=True, user__is_active=True)
    if roles:
        memberships = memberships.filter(role__in=roles)
    user_ids = memberships.values("user_id")
    return list(get_user_model().objects.filter(pk__in=user_ids).order_by("pk"))


def assigning_side_users(assignment: Assignment) -> list:
    """Who reviews for the assigning unit: its leaders and the focal points of its tree."""
    root = Unit.objects.ancestors(assignment.assigning_unit, include_self=True).first()
    tree = Unit.objects.descendants(root, include_self=True).values_list("pk", flat=True)
    leaders = unit_users([assignment.assigning_unit_id], [Role.LEADER])
    focal = unit_users(tree, [Role.FOCAL_POINT])
    return list({u.pk: u for u in [*leaders, *focal]}.values())


def notification_create(
    *,
    recipient,
    kind: str,
    subject: str,
    reference_date: dt.date,
    assignment: Assignment | None = None,
    body: str = "",
    url: str = "",
    key: str = "",
) -> Notification | None:
    """Record a notice for one user, once per (kind, assignment, reference date) — or per `key` when the
    notice is about something else than an assignment (a plan to issue); None if it exists."""
    key = key[:120] or f"{kind}:{assignment.pk if assignment else '-'}:{reference_date.isoformat()}"
    notification, created = Notification.objects.get_or_create(
        recipient=recipient,
        key=key,
        defaults={
            "kind": kind,
            "assignment": assignment,
            "reference_date": reference_date,
            "subject": subject[:300],
            "body": body,
            "url": url or (assignment.get_absolute_url() if assignment else ""),
        },
    )
    return notification if created else None


def _notify_users(users, **kwargs) -> None:
    for user in users:
        notification_create(recipient=user, **kwargs)


def notification_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    return queryset.update(read_at=timezone.now())


# --- Directives -------------------------------------------------------------------------------


@dataclass
class ItemInput:
    """One item as the review screen (or the API) hands it over."""

    content: str
    recipients: list[str]
    coordinators: list[str] = field(default_factory=list)
    deadline: dt.date | None = None
    kind: str = ItemKind.ASSIGN
    raw_text: str = ""
    why: dict = field(default_factory=dict)  # the sentence, the spans read in it, the deadline's rule


@dataclass
class ResolvedItem:
    item: ItemInput
    recipients: list[NameMatch]
    coordinators: list[NameMatch]
    errors: list[str]


def parse_notice(*, text: str, issuing_unit: Unit) -> list[ItemInput]:
    """The items of a notice's text (the parser of DOMAIN §2 with the issuing tree's names)."""
    from assignments.parsing import parse_conclusion
    from assignments.selectors import name_index_for

    if not text or not text.strip():
        raise ApplicationError(_("Văn bản trống: hãy dán nội dung thông báo kết luận hoặc chọn tệp .txt, .docx, .pdf."))
    index = name_index_for(issuing_unit)
    parsed = parse_conclusion(text, known_units=index.names())
    if not parsed:
        raise ApplicationError(
            _(
                "Không tìm thấy nội dung giao nhiệm vụ nào. Mỗi nhiệm vụ phải là một đoạn bắt đầu bằng «Giao», "
                "«Yêu cầu», «Đề nghị» hoặc tên đơn vị kèm dấu hai chấm."
            )
        )
    return [
        ItemInput(
            content=item.text,
            recipients=list(item.recipients),
            coordinators=list(item.coordinators),
            deadline=item.deadline,
            kind=item.kind,
            raw_text=item.text,
            why={"sentence": item.sentence, "spans": [list(span) for span in item.spans], "rule": item.deadline_rule},
        )
        for item in parsed
    ]


def resolve_items(
    items: Sequence[ItemInput], *, index: UnitNameIndex, today: dt.date | None = None
) -> list[ResolvedItem]:
    """Match every name and check every rule of an item; errors per item, nothing written."""
    today = today or timezone.localdate()
    resolved = []
    for item in items:
        errors: list[str] = []
        recipients = [index.match(name) for name in item.recipients if name.strip()]
        coordinators = [index.match(name) for name in item.coordinators if name.strip()]
        if not item.content.strip():
            errors.append(_("Chưa có nội dung nhiệm vụ."))
        if not recipients:
            errors.append(_("Chưa có đơn vị chủ trì."))
        for match in [*recipients, *coordinators]:
            if not match.matched:
                hint = _(" Có phải: %(names)s?") % {"names": "; ".join(match.suggestions)} if match.suggestions else ""
                errors.append(_("Không tìm thấy đơn vị «%(name)s».") % {"name": match.name} + hint)
        if item.deadline and item.deadline < today:
            errors.append(
                _("Thời hạn %(date)s đã qua: hãy chọn một ngày từ hôm nay trở đi.")
                % {"date": item.deadline.strftime("%d/%m/%Y")}
            )
        if item.kind not in ItemKind.values:
            errors.append(_("Loại nhiệm vụ không hợp lệ."))
        resolved.append(ResolvedItem(item=item, recipients=recipients, coordinators=coordinators, errors=errors))
    return resolved


def _expand(matches: Iterable[NameMatch], on: dt.date) -> list[tuple[Unit, UnitGroup | None]]:
    """Units of the matches, groups fanned out to their members on `on`; each unit once, in order."""
    seen: dict[int, tuple[Unit, UnitGroup | None]] = {}
    for match in matches:
        if match.unit is not None:
            seen.setdefault(match.unit.pk, (match.unit, None))
        elif match.group is not None:
            for unit in unit_group_members(match.group, on=on):
                seen.setdefault(unit.pk, (unit, match.group))
    return list(seen.values())


@transaction.atomic
def directive_create(
    *,
    issuing_unit: Unit,
    date: dt.date,
    created_by,
    text: str,
    number: str = "",
    title: str = "",
    signer: str = "",
    meeting_date: dt.date | None = None,
    meeting_chair: str = "",
    meeting_subject: str = "",
    attending_units: Iterable[Unit] = (),
    items: Sequence[ItemInput] | None = None,
) -> Directive:
    """A draft directive with its parsed items (or `items` given by the caller), for review."""
    _require(created_by, "manage", issuing_unit.pk, _("Bạn không có quyền giao nhiệm vụ thay đơn vị này."))
    if items is None:
        items = parse_notice(text=text, issuing_unit=issuing_unit)
    if not items:
        raise ApplicationError(_("Văn bản chưa có nội dung giao nhiệm vụ nào."))
    meeting = None
    if meeting_date:
        meeting = Meeting(date=meeting_date, chair=meeting_chair, subject=meeting_subject or title)
        meeting.full_clean()
        meeting.save()
        meeting.attending_units.set(list(attending_units))
    directive = Directive(
        issuing_unit=issuing_unit,
        date=date,
        number=number.strip(),
        title=title.strip(),
        signer=signer.strip(),
        meeting=meeting,
        source_text=text or "",
        created_by=created_by,
    )
    directive.full_clean()
    directive.save()
    _directive_set_items(directive=directive, items=items)
    return directive


def _directive_set_items(*, directive: Directive, items: Sequence[ItemInput]) -> list[DirectiveItem]:
    directive.items.all().delete()
    rows = [
        DirectiveItem(
            directive=directive,
            order=number,
            kind=item.kind,
            raw_text=item.raw_text or item.content,
            content=item.content.strip(),
            recipients_text="\n".join(n.strip() for n in item.recipients if n.strip()),
            coordinators_text="\n".join(n.strip() for n in item.coordinators if n.strip()),
            deadline=item.deadline,
            why=item.why or {},
        )
        for number, item in enumerate(items, start=1)
    ]
    return DirectiveItem.objects.bulk_create(rows)


@transaction.atomic
def directive_delete(*, directive: Directive, user) -> None:
    """Delete a draft (never an issued directive: its assignments are on record)."""
    _require(user, "manage", directive.issuing_unit_id, _("Bạn không có quyền xóa văn bản này."))
    if not directive.is_draft:
        raise ApplicationError(_("Văn bản đã ban hành, không xóa được."))
    meeting = directive.meeting
    directive.delete()
    if meeting is not None and not Directive.objects.filter(meeting=meeting).exists():
        meeting.delete()


def issue_counts(resolved: Sequence[ResolvedItem], *, on: dt.date) -> tuple[int, int]:
    """(tasks, units) that issuing would create: one task per lead unit of every item, groups
    fanned out to their members on `on`."""
    tasks, units = 0, set()
    for entry in resolved:
        leads = _expand(entry.recipients, on)
        tasks += len(leads)
        units |= {unit.pk for unit, _group in leads}
    return tasks, len(units)


@transaction.atomic
def directive_save_items(*, directive: Directive, items: Sequence[ItemInput], user) -> None:
    """Keep the reviewer's edits of a draft without issuing it."""
    _require(user, "manage", directive.issuing_unit_id, _("Bạn không có quyền sửa văn bản này."))
    if not directive.is_draft:
        raise ApplicationError(_("Văn bản đã ban hành, không sửa được nữa."))
    _directive_set_items(directive=directive, items=items)


@transaction.atomic
def directive_issue(*, directive: Directive, issued_by, items: Sequence[ItemInput] | None = None) -> list[Assignment]:
    """ "Ban hành": one assignment per lead unit of every item (group recipients fan out to their
    members on the directive's date). Any unknown unit, missing content or past deadline refuses the
    whole directive; nothing is written."""
    directive = Directive.objects.select_for_update().get(pk=directive.pk)
    _require(issued_by, "manage", directive.issuing_unit_id, _("Bạn không có quyền ban hành văn bản này."))
    if not directive.is_draft:
        raise ApplicationError(_("Văn bản đã được ban hành."))
    if items is None:
        items = [
            ItemInput(
                content=i.content,
                recipients=i.recipients,
                coordinators=i.coordinators,
                deadline=i.deadline,
                kind=i.kind,
                raw_text=i.raw_text,
            )
            for i in directive.items.all()
        ]
    if not items:
        raise ApplicationError(_("Văn bản chưa có nội dung giao nhiệm vụ nào."))
    from assignments.selectors import name_index_for

    resolved = resolve_items(items, index=name_index_for(directive.issuing_unit))
    problems = {number: r.errors for number, r in enumerate(resolved, start=1) if r.errors}
    if problems:
        first = next(iter(problems.items()))
        raise ApplicationError(
            _("Chưa ban hành được: %(count)s nội dung còn lỗi (nội dung %(n)s: %(error)s)")
            % {"count": len(problems), "n": first[0], "error": first[1][0]},
            extra={"items": problems},
        )
    rows = _directive_set_items(directive=directive, items=items)
    created: list[Assignment] = []
    for row, entry in zip(rows, resolved, strict=True):
        leads = _expand(entry.recipients, directive.date)
        if not leads:
            raise ApplicationError(
                _("Nội dung %(n)s: nhóm đơn vị chủ trì không có đơn vị nào.") % {"n": row.order},
                extra={"items": {row.order: [_("Nhóm đơn vị không có thành viên.")]}},
            )
        coordinators = [unit for unit, _group in _expand(entry.coordinators, directive.date)]
        for unit, group in leads:
            created.append(
                _assignment_new(
                    lead_unit=unit,
                    assigning_unit=directive.issuing_unit,
                    content=row.content,
                    deadline=row.deadline,
                    created_by=issued_by,
                    coordinators=[c for c in coordinators if c.pk != unit.pk],
                    item=row,
                    group=group,
                    kind=row.kind,
                )
            )
    directive.status = DirectiveStatus.ISSUED
    directive.issued_at = timezone.now()
    directive.issued_by = issued_by
    directive.save(update_fields=["status", "issued_at", "issued_by", "updated_at"])
    return created


# --- Assignments ----------------------------------------------------------------------------


def _assignment_new(
    *,
    lead_unit: Unit,
    assigning_unit: Unit,
    content: str,
    deadline: dt.date | None,
    created_by,
    coordinators: Iterable[Unit] = (),
    item: DirectiveItem | None = None,
    group: UnitGroup | None = None,
    source_label: str = "",
    kind: str = ItemKind.ASSIGN,
) -> Assignment:
    assignment = Assignment(
        item=item,
        source_label=source_label,
        assigning_unit=assigning_unit,
        lead_unit=lead_unit,
        group=group,
        kind=kind,
        content=content.strip(),
        deadline=deadline,
        original_deadline=deadline,
        created_by=created_by,
    )
    assignment.search = _search_text(assignment)
    assignment.full_clean()
    assignment.save()
    assignment.coordinators.set(list(coordinators))
    _notify_users(
        unit_users([lead_unit.pk]),
        kind=NotificationKind.ASSIGNED,
        assignment=assignment,
        reference_date=timezone.localdate(),
        subject=_("Nhiệm vụ mới: %(content)s") % {"content": assignment.content[:120]},
    )
    return assignment


@transaction.atomic
def assignment_create(
    *,
    lead_unit: Unit,
    content: str,
    deadline: dt.date | None,
    created_by,
    source_label: str = "",
    coordinators: Iterable[Unit] = (),
    directive_item: DirectiveItem | None = None,
    assigning_unit: Unit | None = None,
    group: UnitGroup | None = None,
) -> Assignment:
    """A standalone, issued assignment (from a plan, a PAR improvement, a letter…).

    The assigning unit is `assigning_unit` when given (a plan's issuing unit), else the directive's issuing
    unit when an item is given, else the lead unit's parent (or the lead unit itself at the top of a tree).
    `group` records the group recipient the lead unit was fanned out from. Deadlines in the past are allowed
    here (imports of older work); the UI refuses them.
    """
    if not content or not content.strip():
        raise ApplicationError(_("Chưa có nội dung nhiệm vụ."))
    if assigning_unit is None and directive_item is not None:
        assigning_unit = directive_item.directive.issuing_unit
    elif assigning_unit is None:
        assigning_unit = lead_unit.parent or lead_unit
    return _assignment_new(
        lead_unit=lead_unit,
        assigning_unit=assigning_unit,
        content=content,
        deadline=deadline,
        created_by=created_by,
        coordinators=[c for c in coordinators if c.pk != lead_unit.pk],
        item=directive_item,
        group=group,
        source_label=source_label,
        kind=directive_item.kind if directive_item else ItemKind.ASSIGN,
    )


@transaction.atomic
def assignment_update(
    *,
    assignment: Assignment,
    by,
    content: str | None = None,
    deadline: dt.date | None | object = ...,
    coordinators: Iterable[Unit] | None = None,
) -> Assignment:
    """The assigning side corrects an open assignment (content, deadline, coordinators). A unit asks
    for more time through an extension instead; a corrected deadline may not be in the past."""
    assignment = _locked(assignment)
    _require(by, "manage", assignment.assigning_unit_id, _("Bạn không có quyền sửa nhiệm vụ này."))
    if not assignment.is_open:
        raise ApplicationError(_("Nhiệm vụ đã hoàn thành hoặc đã hủy."))
    fields = []
    if content is not None:
        if not content.strip():
            raise ApplicationError(_("Chưa có nội dung nhiệm vụ."))
        assignment.content = content.strip()
        fields.append("content")
    if deadline is not ...:
        assert deadline is None or isinstance(deadline, dt.date)  # noqa: S101 - narrows the sentinel for mypy
        if deadline is not None and deadline < timezone.localdate():
            raise ApplicationError(_("Thời hạn đã qua: hãy chọn một ngày từ hôm nay trở đi."))
        assignment.deadline = deadline
        fields.append("deadline")
    assignment.search = _search_text(assignment)
    assignment.full_clean()
    assignment.save(update_fields=[*fields, "search", "updated_at"])
    if coordinators is not None:
        assignment.coordinators.set([c for c in coordinators if c.pk != assignment.lead_unit_id])
    return assignment


def _locked(assignment: Assignment) -> Assignment:
    return Assignment.objects.select_for_update().select_related("lead_unit", "assigning_unit").get(pk=assignment.pk)


@transaction.atomic
def assignment_cancel(*, assignment: Assignment, cancelled_by, reason: str) -> Assignment:
    assignment = _locked(assignment)
    _require(cancelled_by, "manage", assignment.assigning_unit_id, _("Bạn không có quyền hủy nhiệm vụ này."))
    if not reason or not reason.strip():
        raise ApplicationError(_("Hãy nhập lý do hủy nhiệm vụ."))
    if assignment.done_at or assignment.cancelled_at:
        raise ApplicationError(_("Nhiệm vụ đã hoàn thành hoặc đã hủy."))
    assignment.cancelled_at = timezone.now()
    assignment.cancel_reason = reason.strip()
    assignment.save(update_fields=["cancelled_at", "cancel_reason", "updated_at"])
    return assignment


@transaction.atomic
def assignment_reassign(*, assignment: Assignment, lead_unit: Unit, by) -> Assignment:
    """Give an open assignment to another lead unit (e.g. after a merger); reports stay as history."""
    assignment = _locked(assignment)
    _require(by, "manage", assignment.assigning_unit_id, _("Bạn không có quyền giao lại nhiệm vụ này."))
    if not assignment.is_open:
        raise ApplicationError(_("Nhiệm vụ đã hoàn thành hoặc đã hủy."))
    if lead_unit.pk == assignment.lead_unit_id:
        raise ApplicationError(_("Đơn vị chủ trì mới trùng với đơn vị hiện tại."))
    if not permissions.can(by, "directory", lead_unit.pk):
        raise ApplicationError(_("Không tìm thấy đơn vị «%(name)s».") % {"name": lead_unit})
    assignment.lead_unit = lead_unit
    assignment.search = _search_text(assignment)
    assignment.save(update_fields=["lead_unit", "search", "updated_at"])
    assignment.coordinators.remove(lead_unit)
    _notify_users(
        unit_users([lead_unit.pk]),
        kind=NotificationKind.ASSIGNED,
        assignment=assignment,
        reference_date=timezone.localdate(),
        subject=_("Nhiệm vụ được giao lại: %(content)s") % {"content": assignment.content[:120]},
    )
    return assignment


# --- Progress reports ----------------------------------------------------------------------


def attachment_check(upload) -> None:
    """Size and type against UPLOAD_MAX_MB and the allow-list; the message names the file."""
    from core.files import check_upload

    check_upload(upload, allowed=conf.allowed_extensions(), max_mb=conf.upload_max_mb())


def _is_late(assignment: Assignment, on: dt.date) -> bool:
    return bool(assignment.deadline and on > assignment.deadline)


@transaction.atomic
def progress_report_submit(
    *,
    assignment: Assignment,
    unit: Unit,
    author,
    text: str,
    percent: int = 0,
    is_final: bool = False,
    explanation: str = "",
    files: Sequence = (),
) -> ProgressReport:
    """A unit's update; the lead unit's final report goes to the assigning side for review.

    A focal point may report for a unit that has no accounts (it has the change scope over it).
    """
    for upload in files:
        attachment_check(upload)
    assignment = _locked(assignment)
    _require(author, "change", unit.pk, _("Bạn không có quyền báo cáo thay đơn vị này."))
    if not assignment.is_open:
        raise ApplicationError(_("Nhiệm vụ đã hoàn thành hoặc đã hủy, không nhận thêm báo cáo."))
    is_lead = unit.pk == assignment.lead_unit_id
    if not is_lead and not assignment.coordinators.filter(pk=unit.pk).exists():
        raise ApplicationError(_("Đơn vị %(unit)s không chủ trì hay phối hợp nhiệm vụ này.") % {"unit": unit})
    if not text or not text.strip():
        raise ApplicationError(_("Hãy nhập nội dung báo cáo."))
    try:
        percent = int(percent)
    except (TypeError, ValueError):
        raise ApplicationError(_("Tỷ lệ hoàn thành phải là số từ 0 đến 100.")) from None
    if not 0 <= percent <= 100:
        raise ApplicationError(_("Tỷ lệ hoàn thành phải là số từ 0 đến 100."))
    today = timezone.localdate()
    if is_final:
        if not is_lead:
            raise ApplicationError(_("Chỉ đơn vị chủ trì gửi báo cáo hoàn thành."))
        if assignment.reports.filter(review_state=ReviewState.SUBMITTED).exists():
            raise ApplicationError(_("Đã có báo cáo hoàn thành đang chờ duyệt."))
        if _is_late(assignment, today) and conf.require_explanation_late() and not explanation.strip():
            raise ApplicationError(_("Nhiệm vụ đã quá hạn: hãy nhập giải trình lý do chậm trễ."))
        percent = 100
    report = ProgressReport(
        assignment=assignment,
        unit=unit,
        author=author,
        text=text.strip(),
        percent=percent,
        is_final=is_final,
        explanation=explanation.strip(),
        review_state=ReviewState.SUBMITTED if is_final else ReviewState.NONE,
    )
    report.full_clean()
    report.save()
    for upload in files:
        Attachment.objects.create(
            report=report,
            file=upload,
            name=PurePath(upload.name).name[:255],
            size=upload.size or 0,
            content_type=(getattr(upload, "content_type", "") or mimetypes.guess_type(upload.name)[0] or "")[:100],
            uploaded_by=author,
        )
    assignment.save(update_fields=["updated_at"])  # "changed" for escalation
    if is_final:
        _notify_users(
            assigning_side_users(assignment),
            kind=NotificationKind.REPORT_SUBMITTED,
            assignment=assignment,
            reference_date=today,
            subject=_("Báo cáo hoàn thành chờ duyệt: %(content)s") % {"content": assignment.content[:120]},
        )
    return report


def _review(*, report: ProgressReport, reviewer, state: str, note: str) -> ProgressReport:
    # The conditional UPDATE decides between two reviewers at once: only one sees a row count of 1.
    updated = ProgressReport.objects.filter(pk=report.pk, review_state=ReviewState.SUBMITTED).update(
        review_state=state, reviewed_by=reviewer, reviewed_at=timezone.now(), review_note=note.strip()
    )
    if updated != 1:
        raise ApplicationError(_("Báo cáo này đã được người khác xử lý. Hãy tải lại trang."))
    report.refresh_from_db()
    return report


@transaction.atomic
def progress_report_accept(*, report: ProgressReport, reviewer, note: str = "") -> ProgressReport:
    """The assigning side accepts the final report: the assignment is done (today)."""
    report = ProgressReport.objects.select_for_update().select_related("assignment").get(pk=report.pk)
    assignment = report.assignment
    _require(reviewer, "manage", assignment.assigning_unit_id, _("Bạn không có quyền duyệt báo cáo này."))
    if not report.is_final or report.review_state != ReviewState.SUBMITTED:
        raise ApplicationError(_("Báo cáo này đã được người khác xử lý. Hãy tải lại trang."))
    if assignment.cancelled_at:  # a cancelled assignment never becomes done
        raise ApplicationError(_("Nhiệm vụ đã hoàn thành hoặc đã hủy."))
    if (
        _is_late(assignment, timezone.localdate())
        and conf.require_explanation_late()
        and not report.explanation.strip()
    ):
        raise ApplicationError(
            _("Nhiệm vụ hoàn thành quá hạn: cần giải trình trước khi chấp nhận. Hãy trả lại báo cáo.")
        )
    report = _review(report=report, reviewer=reviewer, state=ReviewState.ACCEPTED, note=note)
    assignment = _locked(assignment)
    assignment.done_at = timezone.now()
    assignment.save(update_fields=["done_at", "updated_at"])
    _notify_users(
        unit_users([assignment.lead_unit_id]),
        kind=NotificationKind.REPORT_REVIEWED,
        assignment=assignment,
        reference_date=timezone.localdate(),
        subject=_("Báo cáo đã được chấp nhận: %(content)s") % {"content": assignment.content[:120]},
    )
    return report


@transaction.atomic
def progress_report_return(*, report: ProgressReport, reviewer, note: str) -> ProgressReport:
    """Send the final report back with the reason; the unit reports again."""
    report = ProgressReport.objects.select_for_update().select_related("assignment").get(pk=report.pk)
    _require(reviewer, "manage", report.assignment.assigning_unit_id, _("Bạn không có quyền duyệt báo cáo này."))
    if not note or not note.strip():
        raise ApplicationError(_("Hãy nhập lý do trả lại báo cáo."))
    report = _review(report=report, reviewer=reviewer, state=ReviewState.RETURNED, note=note)
    _notify_users(
        unit_users([report.assignment.lead_unit_id]),
        kind=NotificationKind.REPORT_REVIEWED,
        assignment=report.assignment,
        reference_date=timezone.localdate(),
        subject=_("Báo cáo bị trả lại: %(content)s") % {"content": report.assignment.content[:120]},
        body=note,
    )
    return report


# --- Extensions ----------------------------------------------------------------------------


@transaction.atomic
def extension_request_create(
    *, assignment: Assignment, unit: Unit, requested_by, requested_deadline: dt.date | None, reason: str
) -> ExtensionRequest:
    assignment = _locked(assignment)
    _require(requested_by, "change", unit.pk, _("Bạn không có quyền đề nghị gia hạn thay đơn vị này."))
    if unit.pk != assignment.lead_unit_id:
        raise ApplicationError(_("Chỉ đơn vị chủ trì được đề nghị gia hạn."))
    if not assignment.is_open:
        raise ApplicationError(_("Nhiệm vụ đã hoàn thành hoặc đã hủy."))
    if not assignment.deadline:
        raise ApplicationError(_("Nhiệm vụ không có thời hạn, không cần gia hạn."))
    if not reason or not reason.strip():
        raise ApplicationError(_("Hãy nhập lý do đề nghị gia hạn."))
    if requested_deadline is None or requested_deadline <= assignment.deadline:
        raise ApplicationError(
            _("Thời hạn mới phải sau thời hạn hiện tại (%(date)s).") % {"date": f"{assignment.deadline:%d/%m/%Y}"}
        )
    if requested_deadline < timezone.localdate():
        raise ApplicationError(_("Thời hạn mới đã qua."))
    if assignment.extensions.filter(decision=ExtensionDecision.PENDING).exists():
        raise ApplicationError(_("Đã có đề nghị gia hạn đang chờ quyết định."))
    approved = assignment.extensions.filter(decision=ExtensionDecision.APPROVED).count()
    if approved >= conf.max_extensions():
        raise ApplicationError(
            _("Nhiệm vụ đã được gia hạn %(n)s lần, tối đa %(max)s lần.") % {"n": approved, "max": conf.max_extensions()}
        )
    extension = ExtensionRequest(
        assignment=assignment,
        unit=unit,
        requested_by=requested_by,
        reason=reason.strip(),
        previous_deadline=assignment.deadline,
        requested_deadline=requested_deadline,
    )
    extension.full_clean()
    extension.save()
    assignment.save(update_fields=["updated_at"])
    _notify_users(
        assigning_side_users(assignment),
        kind=NotificationKind.EXTENSION_REQUESTED,
        assignment=assignment,
        reference_date=timezone.localdate(),
        subject=_("Đề nghị gia hạn đến %(date)s: %(content)s")
        % {"date": f"{requested_deadline:%d/%m/%Y}", "content": assignment.content[:100]},
    )
    return extension


def _decide(*, extension: ExtensionRequest, decided_by, decision: str, note: str) -> ExtensionRequest:
    extension = ExtensionRequest.objects.select_for_update().select_related("assignment").get(pk=extension.pk)
    _require(decided_by, "manage", extension.assignment.assigning_unit_id, _("Bạn không có quyền quyết định gia hạn."))
    updated = ExtensionRequest.objects.filter(pk=extension.pk, decision=ExtensionDecision.PENDING).update(
        decision=decision, decided_by=decided_by, decided_at=timezone.now(), decision_note=note.strip()
    )
    if updated != 1:
        raise ApplicationError(_("Đề nghị này đã được người khác quyết định. Hãy tải lại trang."))
    extension.refresh_from_db()
    return extension


@transaction.atomic
def extension_approve(*, extension: ExtensionRequest, decided_by, note: str = "") -> ExtensionRequest:
    """Approve: the assignment's deadline moves to the requested date; the request stays as history."""
    extension = _decide(extension=extension, decided_by=decided_by, decision=ExtensionDecision.APPROVED, note=note)
    assignment = _locked(extension.assignment)
    if not assignment.is_open:
        raise ApplicationError(_("Nhiệm vụ đã hoàn thành hoặc đã hủy."))
    assignment.deadline = extension.requested_deadline
    assignment.save(update_fields=["deadline", "updated_at"])
    _notify_users(
        unit_users([assignment.lead_unit_id]),
        kind=NotificationKind.EXTENSION_DECIDED,
        assignment=assignment,
        reference_date=timezone.localdate(),
        subject=_("Đồng ý gia hạn đến %(date)s") % {"date": f"{assignment.deadline:%d/%m/%Y}"},
    )
    return extension


@transaction.atomic
def extension_refuse(*, extension: ExtensionRequest, decided_by, note: str) -> ExtensionRequest:
    if not note or not note.strip():
        raise ApplicationError(_("Hãy nhập lý do không đồng ý gia hạn."))
    extension = _decide(extension=extension, decided_by=decided_by, decision=ExtensionDecision.REFUSED, note=note)
    _notify_users(
        unit_users([extension.assignment.lead_unit_id]),
        kind=NotificationKind.EXTENSION_DECIDED,
        assignment=extension.assignment,
        reference_date=timezone.localdate(),
        subject=_("Không đồng ý gia hạn: %(content)s") % {"content": extension.assignment.content[:100]},
        body=note,
    )
    return extension


def units_without_accounts(unit_ids: Iterable[int]) -> set[int]:
    """Units (of `unit_ids`) nobody can log in for: the focal point reports on their behalf."""
    with_accounts = set(
        Membership.objects.filter(unit_id__in=list(unit_ids), is_active=True)
        .filter(~Q(role=Role.VIEWER))
        .values_list("unit_id", flat=True)
    )
    return set(unit_ids) - with_accounts


@transaction.atomic
def directive_set_public(*, directive: Directive, is_public: bool, user) -> Directive:
    """Show (or stop showing) an issued directive's progress on the public site. Whoever issues for the unit
    decides; a draft is never public."""
    _require(user, "manage", directive.issuing_unit_id, _("Bạn không có quyền công khai văn bản này."))
    if directive.is_draft and is_public:
        raise ApplicationError(_("Văn bản chưa ban hành, chưa công khai được."))
    directive.is_public = is_public
    directive.save(update_fields=["is_public", "updated_at"])
    return directive
