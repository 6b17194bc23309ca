"""Writes about plans that carry a rule: importing a plan's task table (all-or-nothing), registering a
unit's own plan, the yearly requirement and its reminders. Activities become assignments through
`assignments.services.assignment_create`, one per lead unit (groups fan out to their members)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments.choices import NotificationKind
from assignments.services import assignment_create, notification_create, unit_users
from core.errors import ApplicationError
from core.tabular import ImportFailed, RowError
from organizations import permissions
from organizations.models import Unit, UnitGroup
from organizations.selectors import NameMatch, UnitNameIndex, unit_group_members
from plans.models import Activity, ActivityAssignment, Plan, PlanKind, PlanRequirement, PlanSection
from plans.parsing import ParsedPlan, ParsedTask, PlanFileError, parse_plan_file

PLAN_FILE_TYPES = (".docx", ".xlsx", ".csv")
DOCUMENT_TYPES = (".pdf", ".docx", ".doc")


def _require(user, action: permissions.Action, unit_id: int, message: str) -> None:
    if not permissions.can(user, action, unit_id):
        raise ApplicationError(message)


def name_index(issuing_unit: Unit) -> UnitNameIndex:
    """Names are matched in the issuing unit's tree, like a conclusion notice's."""
    from assignments.selectors import name_index_for

    return name_index_for(issuing_unit)


# --- Reading and checking ------------------------------------------------------------------------


@dataclass
class ResolvedTask:
    task: ParsedTask
    leads: list[NameMatch]
    coordinators: list[NameMatch]
    errors: list[str] = field(default_factory=list)

    @property
    def unmatched_coordinators(self) -> list[NameMatch]:
        return [m for m in self.coordinators if not m.matched]


@dataclass
class PlanPreview:
    parsed: ParsedPlan
    tasks: list[ResolvedTask]

    @property
    def errors(self) -> list[RowError]:
        errors = list(self.parsed.errors)
        for entry in self.tasks:
            errors += [RowError(entry.task.row, None, message) for message in entry.errors]
        return sorted(errors, key=lambda e: e.row or 0)

    @property
    def sections(self):
        return self.parsed.sections


def plan_read(*, source: IO[bytes] | bytes, filename: str, year: int, index: UnitNameIndex, user=None) -> PlanPreview:
    """Parse the file and match every unit name; nothing is written. Raises ApplicationError for a file
    that holds no task table; row problems are in `.errors`. With `user`, a lead unit outside the units
    the user may give tasks to (the manage scope) is a row error too."""
    if PurePath(filename).suffix.lower() not in PLAN_FILE_TYPES:
        raise ApplicationError(_("Định dạng tệp không được hỗ trợ: chỉ nhận .docx, .xlsx hoặc .csv."))
    try:
        parsed = parse_plan_file(source, filename=filename, year=year, known_units=index.names())
    except PlanFileError as exc:
        raise ApplicationError(str(exc)) from exc
    resolved = []
    for task in parsed.tasks:
        leads = [index.match(name) for name in task.recipients]
        coordinators = [index.match(name) for name in task.coordinators]
        errors = []
        for match in leads:
            if not match.matched:
                hint = _(" Có phải: %(names)s?") % {"names": "; ".join(match.suggestions)} if match.suggestions else ""
                errors.append(_("Không tìm thấy cơ quan chủ trì «%(name)s».") % {"name": match.name} + hint)
            elif user is not None:
                if match.unit is not None:
                    units = [match.unit]
                else:
                    assert match.group is not None  # noqa: S101 - matched: a unit or a group
                    units = list(unit_group_members(match.group, on=dt.date(year, 1, 1)))
                outside = [u for u in units if not permissions.can(user, "manage", u.pk)]
                if outside:
                    errors.append(
                        _("Không được giao nhiệm vụ cho «%(name)s»: ngoài phạm vi đơn vị bạn quản lý.")
                        % {"name": ", ".join(str(u) for u in outside)}
                    )
        resolved.append(ResolvedTask(task=task, leads=leads, coordinators=coordinators, errors=errors))
    return PlanPreview(parsed=parsed, tasks=resolved)


def _expand(matches: Iterable[NameMatch], on: dt.date) -> list[tuple[Unit, UnitGroup | None]]:
    seen: dict[int, tuple[Unit, UnitGroup | None]] = {}
    for match in matches:
        if match.unit is not None:
            seen.setdefault(match.unit.pk, (match.unit, None))
        elif match.group is not None:
            for unit in unit_group_members(match.group, on=on):
                seen.setdefault(unit.pk, (unit, match.group))
    return list(seen.values())


# --- Importing ----------------------------------------------------------------------------------


@dataclass
class PlanImportSummary:
    plan: Plan
    sections: int
    activities: int
    assignments: int

    def __str__(self) -> str:
        return _("%(sections)s mục, %(activities)s nhiệm vụ, %(assignments)s lượt giao cho đơn vị.") % {
            "sections": self.sections,
            "activities": self.activities,
            "assignments": self.assignments,
        }


def _validate_header(*, kind: PlanKind, year: int, date: dt.date | None) -> None:
    if not kind.is_active:
        raise ApplicationError(_("Loại kế hoạch «%(kind)s» không còn dùng.") % {"kind": kind})
    if not 2000 <= year <= 2100:
        raise ApplicationError(_("Năm kế hoạch không hợp lệ."))
    if date is None:
        raise ApplicationError(_("Hãy nhập ngày ban hành kế hoạch."))


@transaction.atomic
def plan_import(
    *,
    source: IO[bytes] | bytes,
    filename: str,
    kind: PlanKind,
    year: int,
    issuing_unit: Unit,
    created_by,
    number: str = "",
    date: dt.date | None = None,
    title: str = "",
    signer: str = "",
    parent: Plan | None = None,
) -> PlanImportSummary:
    """Create the plan, its sections and activities, and one assignment per lead unit of every activity.
    Any row with an unknown lead unit or an impossible date refuses the whole file (ImportFailed naming
    the rows); nothing is written."""
    _require(created_by, "manage", issuing_unit.pk, _("Bạn không có quyền ban hành kế hoạch thay đơn vị này."))
    data = source if isinstance(source, bytes) else source.read()
    preview = plan_read(source=data, filename=filename, year=year, index=name_index(issuing_unit), user=created_by)
    if preview.errors:
        raise ImportFailed(preview.errors)
    date = date or preview.parsed.date
    _validate_header(kind=kind, year=year, date=date)
    assert date is not None  # noqa: S101 - checked above, narrows for mypy
    plan = Plan(
        kind=kind,
        year=year,
        issuing_unit=issuing_unit,
        number=(number or preview.parsed.number).strip(),
        date=date,
        title=title.strip(),
        signer=signer.strip(),
        parent=parent,
        created_by=created_by,
    )
    plan.full_clean(exclude=["file"])
    plan.file.save(PurePath(filename).name, ContentFile(data), save=False)
    plan.save()
    sections: dict[str, PlanSection] = {}
    current_top: PlanSection | None = None
    for order, parsed_section in enumerate(preview.parsed.sections, start=1):
        section = PlanSection.objects.create(
            plan=plan,
            order=order,
            level=parsed_section.level,
            title=parsed_section.title[:500],
            parent=current_top if parsed_section.level > 1 else None,
        )
        if parsed_section.level == 1:
            current_top = section
        sections[parsed_section.title] = section
    created = 0
    label = _("Kế hoạch %(plan)s") % {"plan": plan.number or plan.title or kind.name}
    for order, entry in enumerate(preview.tasks, start=1):
        task = entry.task
        task_section = sections.get(task.section or "")
        activity = Activity.objects.create(
            plan=plan,
            section=task_section,
            order=order,
            number=task.number[:20],
            content=task.text,
            leads_text="\n".join(task.recipients),
            coordinators_text="\n".join(task.coordinators),
            deadline_text=task.deadline_text[:200],
            deadline=task.deadline,
            output=task.output,
        )
        leads = _expand(entry.leads, plan.date)
        if not leads:
            raise ImportFailed([RowError(task.row, None, _("nhóm đơn vị chủ trì không có đơn vị nào"))])
        coordinators = [unit for unit, _group in _expand(entry.coordinators, plan.date)]
        source_label = f"{label} — {task_section.title}" if task_section else label
        for unit, group in leads:
            assignment = assignment_create(
                lead_unit=unit,
                content=task.text,
                deadline=task.deadline,
                created_by=created_by,
                source_label=source_label[:300],
                coordinators=[c for c in coordinators if c.pk != unit.pk],
                assigning_unit=issuing_unit,
                group=group,
            )
            ActivityAssignment.objects.create(activity=activity, assignment=assignment)
            created += 1
    return PlanImportSummary(plan=plan, sections=len(sections), activities=len(preview.tasks), assignments=created)


@transaction.atomic
def plan_register(
    *,
    kind: PlanKind,
    year: int,
    issuing_unit: Unit,
    created_by,
    date: dt.date | None,
    number: str = "",
    title: str = "",
    signer: str = "",
    file=None,
    parent: Plan | None = None,
) -> Plan:
    """Record a unit's own plan (number, date, file) without its task table — for the register."""
    _require(created_by, "change", issuing_unit.pk, _("Bạn không có quyền nhập kế hoạch của đơn vị này."))
    _validate_header(kind=kind, year=year, date=date)
    assert date is not None  # noqa: S101 - checked above, narrows for mypy
    if file is not None and PurePath(file.name).suffix.lower() not in DOCUMENT_TYPES:
        raise ApplicationError(_("Tệp kế hoạch phải là .pdf, .docx hoặc .doc."))
    plan = Plan(
        kind=kind,
        year=year,
        issuing_unit=issuing_unit,
        number=number.strip(),
        date=date,
        title=title.strip(),
        signer=signer.strip(),
        parent=parent,
        created_by=created_by,
    )
    if file is not None:
        plan.file = file
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def requirement_set(
    *,
    kind: PlanKind,
    year: int,
    requiring_unit: Unit,
    group: UnitGroup,
    due_date: dt.date,
    by,
    parent_plan: Plan | None = None,
) -> PlanRequirement:
    """Which units must issue their own plan of a kind for a year, and by when (one per requiring unit)."""
    _require(by, "manage", requiring_unit.pk, _("Bạn không có quyền đặt yêu cầu ban hành kế hoạch."))
    requirement, _created = PlanRequirement.objects.update_or_create(
        kind=kind,
        year=year,
        requiring_unit=requiring_unit,
        defaults={"group": group, "due_date": due_date, "parent_plan": parent_plan},
    )
    requirement.full_clean()
    return requirement


def register_remind(*, requirement: PlanRequirement, by, on: dt.date | None = None) -> int:
    """One notice to the people of every unit that has not issued its plan yet; once a day per unit.
    Returns how many notices were recorded."""
    from plans.selectors import register_rows

    _require(by, "manage", requirement.requiring_unit_id, _("Bạn không có quyền nhắc các đơn vị."))
    on = on or timezone.localdate()
    sent = 0
    overdue = on > requirement.due_date
    for row in register_rows(requirement=requirement, on=on):
        if row.plan is not None:
            continue
        if overdue:
            subject = _("Quá hạn ban hành %(kind)s năm %(year)s (hạn %(date)s)")
        else:
            subject = _("Nhắc ban hành %(kind)s năm %(year)s trước ngày %(date)s")
        subject = subject % {
            "kind": requirement.kind.name,
            "year": requirement.year,
            "date": f"{requirement.due_date:%d/%m/%Y}",
        }
        with transaction.atomic():
            for user in unit_users([row.unit.pk]):
                notice = notification_create(
                    recipient=user,
                    kind=NotificationKind.OVERDUE if overdue else NotificationKind.DUE_SOON,
                    subject=subject,
                    reference_date=on,
                    url=requirement.get_absolute_url(),
                    key=f"plan:{requirement.pk}:{row.unit.pk}:{on.isoformat()}",
                )
                sent += notice is not None
    return sent
