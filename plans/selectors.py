"""Reads about plans: what a user may see, completion by section and by unit, overdue tasks, the
register of units' own plans, and the two PAR metrics."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from assignments.choices import DONE_STATUSES, AssignmentStatus, ReviewState
from assignments.models import Assignment, ProgressReport
from assignments.selectors import with_status
from core.metrics import MetricValue
from organizations import permissions
from organizations.models import Unit
from organizations.selectors import unit_group_members
from plans.choices import RegisterState
from plans.models import Activity, ActivityAssignment, Plan, PlanRequirement


def plan_list(*, user) -> QuerySet[Plan]:
    """Plans issued by a unit in the user's view scope, or holding a task of a unit in it."""
    units = permissions.unit_ids(user, "view")
    queryset = Plan.objects.select_related("kind", "issuing_unit")
    if units is None:
        return queryset
    led = ActivityAssignment.objects.filter(
        Q(assignment__lead_unit__in=units) | Q(assignment__coordinators__in=units)
    ).values("activity__plan_id")
    return queryset.filter(Q(issuing_unit__in=units) | Q(pk__in=led)).distinct()


def plan_assignments(plan: Plan, *, on: dt.date | None = None) -> QuerySet[Assignment]:
    """The plan's assignments (not cancelled) with status, activity and a "final report waiting" flag."""
    waiting = ProgressReport.objects.filter(assignment=OuterRef("pk"), review_state=ReviewState.SUBMITTED)
    queryset = Assignment.objects.filter(plan_activity_link__activity__plan=plan, cancelled_at__isnull=True)
    return (
        with_status(queryset, on=on)
        .annotate(waiting=Exists(waiting))
        .select_related("lead_unit", "plan_activity_link__activity__section")
        .order_by("plan_activity_link__activity__order", "lead_unit__short_name")
    )


@dataclass
class Progress:
    label: str
    total: int = 0
    done: int = 0
    waiting: int = 0  # final report sent, not yet accepted
    overdue: int = 0
    key: str = ""

    def _pct(self, n: int) -> int:
        return round(100 * n / self.total) if self.total else 0

    @property
    def done_pct(self) -> int:
        return self._pct(self.done)

    @property
    def waiting_pct(self) -> int:
        return min(self._pct(self.waiting), 100 - self.done_pct)

    @property
    def overdue_pct(self) -> int:
        return min(self._pct(self.overdue), 100 - self.done_pct - self.waiting_pct)


@dataclass
class PlanProgress:
    total: Progress
    sections: list[Progress] = field(default_factory=list)
    units: list[Progress] = field(default_factory=list)
    overdue: list[Assignment] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)


def plan_progress(plan: Plan, *, on: dt.date | None = None) -> PlanProgress:
    """Completion of the plan's assignments overall, by section (top-level headings) and by lead unit."""
    rows = list(plan_assignments(plan, on=on))
    total = Progress(label=str(plan))
    all_sections = {s.pk: s for s in plan.sections.all()}
    sections: OrderedDict[int, Progress] = OrderedDict(
        (s.pk, Progress(label=s.title, key=f"s{s.pk}")) for s in all_sections.values() if s.parent_id is None
    )
    units: dict[int, Progress] = {}
    overdue = []
    for assignment in rows:
        section_id = assignment.plan_activity_link.activity.section_id
        while section_id is not None and all_sections[section_id].parent_id is not None:
            section_id = all_sections[section_id].parent_id
        buckets = [total, units.setdefault(assignment.lead_unit_id, Progress(label=str(assignment.lead_unit)))]
        if section_id is not None and section_id in sections:
            buckets.append(sections[section_id])
        status = AssignmentStatus(assignment.status_code)  # type: ignore[attr-defined]
        for bucket in buckets:
            bucket.total += 1
            if status in DONE_STATUSES:
                bucket.done += 1
            elif assignment.waiting:  # type: ignore[attr-defined]
                bucket.waiting += 1
            elif status == AssignmentStatus.OVERDUE:
                bucket.overdue += 1
        if status == AssignmentStatus.OVERDUE:
            overdue.append(assignment)
    for key, progress in enumerate(sorted(units.values(), key=lambda p: p.label)):
        progress.key = f"u{key}"
    return PlanProgress(
        total=total,
        sections=[s for s in sections.values() if s.total],
        units=sorted(units.values(), key=lambda p: p.label),
        overdue=overdue,
        assignments=rows,
    )


def plan_activities(plan: Plan) -> QuerySet[Activity]:
    return plan.activities.select_related("section").prefetch_related(
        Prefetch("links", queryset=ActivityAssignment.objects.select_related("assignment__lead_unit"))
    )


# --- Register of units' own plans ----------------------------------------------------------------


@dataclass
class RegisterRow:
    unit: Unit
    plan: Plan | None
    state: RegisterState


def register_rows(*, requirement: PlanRequirement, on: dt.date | None = None) -> list[RegisterRow]:
    """Every unit that must issue its plan: its earliest plan of the kind and year, and whether on time."""
    on = on or timezone.localdate()
    units = list(unit_group_members(requirement.group, on=dt.date(requirement.year, 1, 1)))
    plans: dict[int, Plan] = {}
    for plan in Plan.objects.filter(
        kind=requirement.kind, year=requirement.year, issuing_unit__in=[u.pk for u in units]
    ).order_by("date", "pk"):
        plans.setdefault(plan.issuing_unit_id, plan)
    rows = []
    for unit in units:
        found = plans.get(unit.pk)
        if found is not None:
            state = RegisterState.ON_TIME if found.date <= requirement.due_date else RegisterState.LATE
        else:
            state = RegisterState.MISSING_OVERDUE if on > requirement.due_date else RegisterState.MISSING
        rows.append(RegisterRow(unit=unit, plan=found, state=state))
    return rows


def requirement_list(*, user) -> QuerySet[PlanRequirement]:
    """Requirements set by a unit the user may view, or naming one of the user's units."""
    queryset = PlanRequirement.objects.select_related("kind", "requiring_unit", "group")
    units = permissions.unit_ids(user, "view")
    if units is None:
        return queryset
    visible = [r.pk for r in queryset if r.requiring_unit_id in units or _names_any(r, units)]
    return queryset.filter(pk__in=visible)


def _names_any(requirement: PlanRequirement, units: set[int]) -> bool:
    members = unit_group_members(requirement.group, on=dt.date(requirement.year, 1, 1))
    return members.filter(pk__in=units).exists()


# --- Metrics (core.metrics) ----------------------------------------------------------------------


def _rate(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def completion_rate(unit: Unit, start: dt.date, end: dt.date) -> MetricValue:
    """Plan tasks of the unit and its tree due within [start, end]: the share accepted as done."""
    tree = Unit.objects.descendants(unit, include_self=True).values("pk")
    due = Assignment.objects.filter(
        plan_activity_link__isnull=False,
        lead_unit__in=tree,
        cancelled_at__isnull=True,
        deadline__range=(start, end),
    )
    total = due.count()
    done = due.filter(done_at__isnull=False).count()
    return MetricValue(_rate(done, total), done, total)


def issued_on_time(unit: Unit, start: dt.date, end: dt.date) -> MetricValue:
    """Of the plans the unit had to issue with a due date in [start, end], the share issued by then."""
    required = [
        r
        for r in PlanRequirement.objects.filter(due_date__range=(start, end)).select_related("kind", "group")
        if unit_group_members(r.group, on=dt.date(r.year, 1, 1)).filter(pk=unit.pk).exists()
    ]
    on_time = sum(
        Plan.objects.filter(kind=r.kind, year=r.year, issuing_unit=unit, date__lte=r.due_date).exists()
        for r in required
    )
    plans = list(
        Plan.objects.filter(
            issuing_unit=unit, kind__in=[r.kind for r in required], year__in=[r.year for r in required]
        ).values_list("number", "date")
    )
    return MetricValue(
        _rate(on_time, len(required)),
        on_time,
        len(required),
        detail={"plans": [f"{n} ({d:%d/%m/%Y})" for n, d in plans]},
    )


def evidence_plans(unit: Unit, year: int) -> QuerySet[Plan]:
    """Plans the unit (or its tree) issued for a year: evidence candidates for PAR criteria."""
    tree = Unit.objects.descendants(unit, include_self=True).values("pk")
    return Plan.objects.filter(issuing_unit__in=tree, year=year).select_related("kind", "issuing_unit")


def evidence_candidates(unit_ids, start: dt.date, end: dt.date) -> list:
    """PAR evidence candidates (core.evidence): the plans these units issued, dated within the period."""
    from django.urls import reverse

    from core.evidence import EvidenceCandidate

    plans = Plan.objects.filter(issuing_unit_id__in=list(unit_ids), date__range=(start, end)).select_related(
        "kind", "issuing_unit"
    )
    return [
        EvidenceCandidate(
            title=f"{plan.kind.name} {plan.year} – {plan.issuing_unit.short_name}",
            number=plan.number,
            date=plan.date,
            issuer=plan.issuing_unit.short_name,
            url=reverse("plans:plan_detail", args=[plan.pk]),
        )
        for plan in plans.order_by("date", "pk")
    ]
