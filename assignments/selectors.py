"""Reads about assignments: the status annotation, inbox, dashboards, the on-time metric."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone

from assignments.choices import (
    DASHBOARD_STATUSES,
    OFFICIAL_OF,
    OFFICIAL_STATUSES,
    AssignmentStatus,
    DirectiveStatus,
    ReviewState,
)
from assignments.models import Assignment, Directive
from core.metrics import MetricValue
from organizations.models import Unit, UnitGroup
from organizations.selectors import UnitNameIndex


def with_status(queryset: QuerySet[Assignment], *, on: dt.date | None = None) -> QuerySet[Assignment]:
    """Annotate `status_code` (DOMAIN §2) and `done_on` (the local date of acceptance)."""
    on = on or timezone.localdate()
    done = Q(done_at__isnull=False)
    return queryset.annotate(
        done_on_date=TruncDate("done_at", tzinfo=timezone.get_current_timezone()),
    ).annotate(
        status_code=Case(
            When(cancelled_at__isnull=False, then=Value(AssignmentStatus.CANCELLED.value)),
            When(done & Q(deadline__isnull=True), then=Value(AssignmentStatus.DONE.value)),
            When(done & Q(done_on_date__lte=F("deadline")), then=Value(AssignmentStatus.DONE_ON_TIME.value)),
            When(done, then=Value(AssignmentStatus.DONE_LATE.value)),
            When(deadline__isnull=True, then=Value(AssignmentStatus.IN_PROGRESS.value)),
            When(deadline__gte=on, then=Value(AssignmentStatus.ON_TRACK.value)),
            default=Value(AssignmentStatus.OVERDUE.value),
            output_field=CharField(),
        )
    )


def status_filter(statuses: list[str] | tuple[str, ...]) -> Q:
    """A Q on the annotation; an official status also takes its no-deadline form."""
    wanted = set(statuses)
    for loose, official in OFFICIAL_OF.items():
        if official in wanted:
            wanted.add(loose)
    return Q(status_code__in=wanted)


def assignment_list(*, user, action: str = "view", on: dt.date | None = None) -> QuerySet[Assignment]:
    """Assignments `user` may see (or change/manage), with status and what list pages show."""
    queryset = Assignment.objects.visible_to(user, action).select_related(
        "lead_unit", "assigning_unit", "item__directive"
    )
    return with_status(queryset, on=on)


def assignments_completed(*, unit_ids, start: dt.date, end: dt.date) -> QuerySet[Assignment]:
    """Assignments led by `unit_ids` and accepted as done within [start, end] (PAR evidence candidates)."""
    done = Assignment.objects.filter(lead_unit__in=unit_ids, cancelled_at__isnull=True, done_at__isnull=False)
    queryset = with_status(done).filter(done_on_date__range=(start, end))
    return queryset.select_related("lead_unit", "item__directive").order_by("done_at", "pk")


def assignment_detail(*, user, pk: int) -> Assignment:
    return assignment_list(user=user).select_related("group", "created_by").prefetch_related("coordinators").get(pk=pk)


def status_counts(queryset: QuerySet[Assignment]) -> dict[str, int]:
    """Counts by the four official statuses, "in progress" (no deadline: not "on track"), cancelled and total
    (done without a deadline is counted as done on time)."""
    rows = queryset.order_by().values("status_code").annotate(n=Count("pk"))
    counts = {status.value: 0 for status in (*OFFICIAL_STATUSES, AssignmentStatus.IN_PROGRESS)}
    counts["cancelled"] = 0
    for row in rows:
        code = AssignmentStatus(row["status_code"])
        counts[OFFICIAL_OF.get(code, code).value] = counts.get(OFFICIAL_OF.get(code, code).value, 0) + row["n"]
    counts["total"] = sum(v for k, v in counts.items() if k != "cancelled")
    return counts


def overdue(queryset: QuerySet[Assignment], *, on: dt.date | None = None) -> QuerySet[Assignment]:
    """Open assignments past their deadline, most days late (the earliest deadline) first. A queryset:
    the database filters, orders and pages it; the dashboard reads one page, the export all of it."""
    on = on or timezone.localdate()
    return queryset.filter(
        cancelled_at__isnull=True, done_at__isnull=True, deadline__isnull=False, deadline__lt=on
    ).order_by("deadline", "pk")


def _rate(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


@dataclass
class UnitRow:
    unit: Unit
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    done: int = 0
    reports_due: int = 0
    reports_on_time: int = 0

    @property
    def by_status(self) -> list[int]:
        """Counts in the order of the dashboard statuses (a template loop per cell is slow at 168 units)."""
        return [self.counts.get(status.value, 0) for status in DASHBOARD_STATUSES]

    @property
    def completion_rate(self) -> Decimal | None:
        return _rate(self.done, self.total)

    @property
    def reporting_rate(self) -> Decimal | None:
        return _rate(self.reports_on_time, self.reports_due)

    @property
    def completion_percent(self) -> int:
        return int((self.completion_rate or 0) * 100)

    @property
    def reporting_percent(self) -> int:
        return int((self.reporting_rate or 0) * 100)


def unit_summary(queryset: QuerySet[Assignment], *, on: dt.date | None = None) -> list[UnitRow]:
    """Per lead unit: counts by official status, completion rate (done ÷ all, cancelled excluded) and
    reporting rate (assignments due by `on` whose final report came in by the deadline ÷ those due).
    Three queries whatever the number of units."""
    on = on or timezone.localdate()
    live = queryset.exclude(status_code=AssignmentStatus.CANCELLED).order_by()
    rows: dict[int, UnitRow] = {}
    for row in live.values("lead_unit", "status_code").annotate(n=Count("pk")):
        entry = rows.setdefault(row["lead_unit"], UnitRow(unit=None))  # type: ignore[arg-type]
        code = AssignmentStatus(row["status_code"])
        official = OFFICIAL_OF.get(code, code).value
        entry.counts[official] = entry.counts.get(official, 0) + row["n"]
        entry.total += row["n"]
        if official in (AssignmentStatus.DONE_ON_TIME, AssignmentStatus.DONE_LATE):
            entry.done += row["n"]
    due = live.filter(deadline__isnull=False, deadline__lte=on)
    reported_in_time = Q(
        reports__is_final=True,
        reports__unit=F("lead_unit"),
        reports__created_at__date__lte=F("deadline"),
    )
    for row in due.values("lead_unit").annotate(
        due=Count("pk", distinct=True), on_time=Count("pk", filter=reported_in_time, distinct=True)
    ):
        entry = rows[row["lead_unit"]]
        entry.reports_due, entry.reports_on_time = row["due"], row["on_time"]
    units = Unit.objects.in_bulk(list(rows))
    for unit_id, entry in rows.items():
        entry.unit = units[unit_id]
    return sorted(rows.values(), key=lambda r: (r.completion_rate is None, -(r.completion_rate or 0), str(r.unit)))


def on_time_rate(unit: Unit, start: dt.date, end: dt.date) -> MetricValue:
    """`assignments.on_time_rate`: assignments of the unit and its subtree (as lead) due in [start, end]
    and done on time ÷ all of them due in the period (cancelled ones excluded)."""
    subtree = Unit.objects.descendants(unit, include_self=True).values("pk")
    due = with_status(
        Assignment.objects.filter(lead_unit__in=subtree, cancelled_at__isnull=True, deadline__range=(start, end))
    )
    denominator = due.count()
    on_time = list(due.filter(status_code=AssignmentStatus.DONE_ON_TIME).values_list("pk", flat=True).order_by("pk"))
    late_or_open = list(due.exclude(status_code=AssignmentStatus.DONE_ON_TIME).values_list("pk", flat=True))
    return MetricValue(
        value=_rate(len(on_time), denominator),
        numerator=len(on_time),
        denominator=denominator,
        detail={"on_time_ids": on_time, "other_ids": sorted(late_or_open)},
    )


# --- Directives and the review screen ---------------------------------------------------


def directive_list(*, user) -> QuerySet[Directive]:
    """Issued directives of units the user sees (or manages), drafts only for those who manage them."""
    from organizations.permissions import unit_ids

    view, manage = unit_ids(user, "view"), unit_ids(user, "manage")
    queryset = Directive.objects.select_related("issuing_unit", "meeting").annotate(item_count=Count("items"))
    if view is None:
        return queryset
    visible_assignments = Assignment.objects.visible_to(user).values("item__directive")
    issued = Q(status=DirectiveStatus.ISSUED) & (Q(issuing_unit__in=view) | Q(pk__in=visible_assignments))
    return queryset.filter(issued | Q(issuing_unit__in=manage))


def tree_root(unit: Unit) -> Unit:
    return Unit.objects.ancestors(unit, include_self=True).first() or unit


def name_index_for(unit: Unit) -> UnitNameIndex:
    """Names are matched within the issuing unit's tree: "Phòng Văn hóa - Xã hội" exists in every ward."""
    root = tree_root(unit)
    units = Unit.objects.descendants(root, include_self=True)
    groups = UnitGroup.objects.filter(owner__in=Unit.objects.descendants(root, include_self=True).values("pk"))
    return UnitNameIndex(units=units, groups=groups)


def pending_reviews(*, user) -> QuerySet:
    """Final reports waiting for the user's decision (the assigning side)."""
    from assignments.models import ProgressReport

    return ProgressReport.objects.filter(
        review_state=ReviewState.SUBMITTED,
        assignment__in=Assignment.objects.visible_to(user, "manage").values("pk"),
    ).select_related("assignment", "unit", "author")


# --- The home page ("Việc của tôi") --------------------------------------------------------------

HOME_DUE_DAYS = 7
HOME_UNITS_SHOWN = 5


def _submitted_final() -> Q:
    """Has a final report waiting for review. An uncorrelated IN (PostgreSQL hashes the few waiting reports'
    ids once), not EXISTS per assignment: the leader's home page spent 60 ms in 5,000 index probes (issue 10)."""
    from assignments.models import ProgressReport

    waiting = ProgressReport.objects.filter(is_final=True, review_state=ReviewState.SUBMITTED)
    return Q(pk__in=waiting.values("assignment_id"))


def mark_awaiting_approval(assignments) -> None:
    """Set `awaiting_approval` on each assignment (one query): a final report waits for the assigning side, so
    the badge says "Chờ duyệt hoàn thành" rather than "trong hạn"."""
    from assignments.models import ProgressReport

    items = list(assignments)
    waiting = set(
        ProgressReport.objects.filter(
            assignment__in=[a.pk for a in items], is_final=True, review_state=ReviewState.SUBMITTED
        ).values_list("assignment_id", flat=True)
    )
    for a in items:
        a.awaiting_approval = a.pk in waiting


def awaiting_report(queryset: QuerySet[Assignment]) -> QuerySet[Assignment]:
    """Open assignments with no final report waiting for the assigning side: the lead unit still has to report."""
    return queryset.filter(done_at__isnull=True, cancelled_at__isnull=True).exclude(_submitted_final())


def awaiting_review(queryset: QuerySet[Assignment]) -> QuerySet[Assignment]:
    """Assignments whose final report waits for the assigning side's decision."""
    return queryset.filter(_submitted_final())


def awaiting_extension(queryset: QuerySet[Assignment]) -> QuerySet[Assignment]:
    from django.db.models import Exists, OuterRef

    from assignments.choices import ExtensionDecision
    from assignments.models import ExtensionRequest

    pending = ExtensionRequest.objects.filter(assignment=OuterRef("pk"), decision=ExtensionDecision.PENDING)
    return queryset.filter(Exists(pending))


def home_summary(*, user, today: dt.date) -> dict | None:
    """Counts for the home page in six queries at most, whatever the number of assignments:
    my units' open tasks (due within 7 days, overdue, awaiting our report), reports and extensions awaiting
    my decision, unread notices and, for those who manage units, overdue assignments by lead unit."""
    from assignments.models import Notification
    from organizations.permissions import memberships_of, unit_ids

    own_units = [m.unit_id for m in memberships_of(user).only("unit_id")]  # query 1
    mine = None
    if own_units:
        open_own = Assignment.objects.filter(lead_unit__in=own_units, done_at__isnull=True, cancelled_at__isnull=True)
        mine = open_own.aggregate(  # query 2
            due_soon=Count("pk", filter=Q(deadline__range=(today, today + dt.timedelta(days=HOME_DUE_DAYS)))),
            overdue=Count("pk", filter=Q(deadline__lt=today)),
            awaiting_report=Count("pk", filter=~_submitted_final()),
        )
    manage = unit_ids(user, "manage")
    decisions = None
    flags = None
    if manage is None or manage:
        managed = Assignment.objects.visible_to(user, "manage")
        decisions = managed.aggregate(  # query 3
            reports=Count("pk", filter=_submitted_final()),
            extensions=Count("pk", filter=Q(pk__in=awaiting_extension(Assignment.objects.all()).values("pk"))),
        )
        tree = Assignment.objects.all() if manage is None else Assignment.objects.filter(lead_unit__in=manage)
        overdue_rows = (  # query 4
            tree.filter(done_at__isnull=True, cancelled_at__isnull=True, deadline__lt=today)
            .order_by()
            .values("lead_unit", "lead_unit__short_name", "lead_unit__parent__short_name")
            .annotate(n=Count("pk"))
            .order_by("-n", "lead_unit__short_name")
        )
        rows = list(overdue_rows)
        flags = {"overdue_units": rows[:HOME_UNITS_SHOWN], "overdue_unit_count": len(rows)}
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()  # query 5
    return {
        "template": "assignments/_home.html",
        "mine": mine,
        "decisions": decisions,
        "flags": flags,
        "unread": unread,
        "due_days": HOME_DUE_DAYS,
    }
