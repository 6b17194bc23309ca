"""The one-stop figures of DOMAIN §3, computed with a few aggregate queries.

The figures change only when dossiers or procedures are imported (or edited): they are computed once per
generation of the `onestop` data (core.generations, bumped by the imports) and cached. Every count is
`COUNT(received_on)`, a column of the covering index `dossier_period_figures`: PostgreSQL answers the
period's figures from an index-only scan (COUNT(id) would fetch every row from the table)."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce
from typing import Any, cast

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When

from core import generations
from core.text import natural_key
from onestop.choices import Channel, Comparison, TargetState
from onestop.models import Dossier, Procedure, Target
from organizations.models import Unit

DOSSIER_KEYS = [
    "dossiers",
    "online_capable_dossiers",
    "online_dossiers",
    "online_rate",
    "postal_received",
    "postal_returned",
    "completed",
    "completed_on_time",
    "on_time_rate",
    "overdue_open",
]
PROCEDURE_KEYS = [
    "online_procedures",
    "online_procedures_with_online_dossiers",
    "online_procedure_uptake",
    "online_procedures_without_dossiers",
]


def ratio(numerator: int, denominator: int) -> float | None:
    """A fraction rounded half-up to 4 decimals; None when there is nothing to divide by."""
    if not denominator:
        return None
    return float((Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))


def dossiers_in_period(*, start: dt.date, end: dt.date, unit_ids: Iterable[int] | None = None) -> QuerySet[Dossier]:
    queryset = Dossier.objects.filter(received_on__gte=start, received_on__lte=end)
    if unit_ids is not None:
        queryset = queryset.filter(receiving_unit_id__in=list(unit_ids))
    return queryset


GENERATION = "onestop"  # bumped by the dossier and procedure imports (onestop.services) and by edits
# A non-null column of the covering index: COUNT(*) with a FILTER, which Django does not write for "*".
COUNTED = "received_on"
# Up to this many units, the procedure figures read the units' own dossiers; above it, they probe per procedure.
FEW_UNITS = 10


def capable_procedures() -> dict[int, str]:
    """Online-capable procedures, id → code (procedure imports bump the figures' generation)."""
    return dict(Procedure.objects.filter(service_level__online_capable=True).values_list("pk", "code"))


def _capable() -> Q:
    # Capability as an uncorrelated IN (procedures of an online-capable level; PostgreSQL hashes it once), not a
    # join with procedures and service levels for each dossier; a list of ids built in Python cost more
    # (3 × 1,000 parameters to write and to plan) than it saved.
    return Q(procedure_id__in=Procedure.objects.filter(service_level__online_capable=True).values("pk"))


def _counts(end: dt.date) -> dict[str, Count]:
    capable = _capable()
    return {
        "dossiers": Count(COUNTED),
        "online_capable_dossiers": Count(COUNTED, filter=capable),
        "online_dossiers": Count(COUNTED, filter=capable & Q(channel=Channel.ONLINE)),
        "postal_received": Count(COUNTED, filter=Q(channel=Channel.POSTAL)),
        "postal_returned": Count(COUNTED, filter=Q(postal_return=True)),
        "completed": Count(COUNTED, filter=Q(completed_on__isnull=False)),
        "completed_on_time": Count(COUNTED, filter=Q(completed_on__isnull=False, completed_on__lte=F("due_on"))),
        "overdue_open": Count(COUNTED, filter=Q(completed_on__isnull=True, due_on__lt=end)),
    }


def cache_parts(start: dt.date, end: dt.date, unit_ids: Iterable[int] | None) -> list[str]:
    return [start.isoformat(), end.isoformat(), generations.digest(unit_ids)]


def _with_rates(counts: dict[str, Any]) -> dict[str, Any]:
    figures = {key: counts.get(key, 0) or 0 for key in DOSSIER_KEYS if not key.endswith("_rate")}
    figures["online_rate"] = ratio(figures["online_dossiers"], figures["online_capable_dossiers"])
    figures["on_time_rate"] = ratio(figures["completed_on_time"], figures["completed"])
    return {key: figures[key] for key in DOSSIER_KEYS}


def procedure_figures(
    *,
    start: dt.date,
    end: dt.date,
    unit_ids: Iterable[int] | None = None,
    capable: dict[int, str] | None = None,
) -> dict[str, Any]:
    given = capable is not None
    capable = capable if capable is not None else capable_procedures()
    online_codes = set(capable.values())
    with_any, with_online = set(), set()
    unit_ids = list(unit_ids) if unit_ids is not None else None
    few_units = unit_ids is not None and len(unit_ids) <= FEW_UNITS
    if capable and few_units:
        # A few units: their own dossiers of the period (a short range of dossier_unit_period), grouped by
        # procedure, cost less than a probe per procedure.
        per_procedure = (
            dossiers_in_period(start=start, end=end, unit_ids=unit_ids)
            .filter(_capable())
            .order_by()
            .values("procedure_id")
            .annotate(online=Count(COUNTED, filter=Q(channel=Channel.ONLINE)))
        )
        for row in per_procedure:
            with_any.add(capable[row["procedure_id"]])
            if row["online"]:
                with_online.add(capable[row["procedure_id"]])
    elif capable:
        # Many units or the whole tree: per online-capable procedure and channel, one probe of the index dossier_procedure_probe ("any dossier
        # of these units in the period?"): a few thousand index probes instead of a second scan of the period,
        # and a cost that does not grow with the table.
        period = Dossier.objects.filter(procedure_id=OuterRef("pk"), received_on__gte=start, received_on__lte=end)
        if unit_ids is not None:
            period = period.filter(receiving_unit_id__in=list(unit_ids))
        # Online first: most procedures have online dossiers, and CASE stops at the first probe that answers.
        others = [Exists(period.filter(channel=channel)) for channel in Channel.values if channel != Channel.ONLINE]
        procedures = (
            Procedure.objects.filter(pk__in=list(capable))
            if given
            else Procedure.objects.filter(service_level__online_capable=True)
        )
        probes = (
            procedures.order_by()
            .annotate(
                received=Case(
                    When(Exists(period.filter(channel=Channel.ONLINE)), then=Value(2)),
                    When(reduce(operator.or_, others), then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            )
            .values_list("code", "received")
        )
        for code, received in probes:
            if received:
                with_any.add(code)
            if received == 2:
                with_online.add(code)
    return {
        "online_procedures": len(online_codes),
        "online_procedures_with_online_dossiers": len(with_online),
        "online_procedure_uptake": ratio(len(with_online), len(online_codes)),
        "online_procedures_without_dossiers": sorted(online_codes - with_any),
    }


def _unit_counts(*, start: dt.date, end: dt.date, unit_ids: list[int] | None) -> list[dict[str, Any]]:
    dossiers = dossiers_in_period(start=start, end=end, unit_ids=unit_ids)
    return [dict(row) for row in dossiers.values("receiving_unit_id").annotate(**_counts(end)).order_by()]


def _figures(start: dt.date, end: dt.date, unit_ids: list[int] | None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    return (
        _unit_counts(start=start, end=end, unit_ids=unit_ids),
        procedure_figures(start=start, end=end, unit_ids=unit_ids),
    )


def onestop_figures(*, start: dt.date, end: dt.date, unit_ids: Iterable[int] | None = None) -> dict[str, Any]:
    """Every figure of DOMAIN §3: `total` over the units, and `units`, one row per receiving unit.
    Computed once per import generation (cached); unit names are read fresh."""
    unit_ids = list(unit_ids) if unit_ids is not None else None
    per_unit, procedures = generations.cached(
        GENERATION,
        ["figures", *cache_parts(start, end, unit_ids)],
        lambda: _figures(start, end, unit_ids),
    )
    # Counts add up, so the total is the sum of the units' rows: one scan of the period, not two.
    sums = {key: sum(row[key] for row in per_unit) for key in _counts(end)}
    total = _with_rates(sums)
    total.update(procedures)
    names = dict(
        Unit.objects.filter(pk__in=[row["receiving_unit_id"] for row in per_unit]).values_list("pk", "short_name")
    )
    units = [
        {"unit": names[row["receiving_unit_id"]], "unit_id": row["receiving_unit_id"], **_with_rates(row)}
        for row in per_unit
    ]
    units.sort(key=lambda row: natural_key(row["unit"]))
    return {"period": {"from": start.isoformat(), "to": end.isoformat()}, "total": total, "units": units}


def unit_tree_ids(unit: Unit) -> list[int]:
    return list(Unit.objects.descendants(unit, include_self=True).values_list("pk", flat=True))


def monthly_trend(*, start: dt.date, end: dt.date, unit_ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """Dossier figures by calendar month of receipt, for the trend chart."""
    unit_ids = list(unit_ids) if unit_ids is not None else None
    return generations.cached(
        GENERATION, ["trend", *cache_parts(start, end, unit_ids)], lambda: _monthly_trend(start, end, unit_ids)
    )


def _monthly_trend(start: dt.date, end: dt.date, unit_ids: list[int] | None) -> list[dict[str, Any]]:
    # Grouped by day, then added up by month here: counts add up, and a month function in SQL runs once per
    # dossier (a Python function on SQLite: 4.5 s for a year of a million dossiers, against 0.5 s this way).
    by_day = (
        dossiers_in_period(start=start, end=end, unit_ids=unit_ids)
        .values("received_on")
        .annotate(**_counts(end))
        .order_by()
    )
    months: dict[dt.date, dict[str, int]] = {}
    for day in by_day:
        row = cast(dict[str, Any], day)  # the counts' keys are not known to the type checker
        month = months.setdefault(row["received_on"].replace(day=1), dict.fromkeys(_counts(end), 0))
        for key in month:
            month[key] += row[key]
    return [{"month": month, **_with_rates(months[month])} for month in sorted(months)]


def target_state(target: Target, value: float | None) -> TargetState:
    if value is None:
        return TargetState.UNKNOWN
    threshold = float(target.threshold)
    if target.comparison == Comparison.AT_LEAST:
        met, close = value >= threshold, value >= threshold - 0.1
    else:
        met, close = value <= threshold, value <= threshold + 0.1
    return TargetState.MET if met else TargetState.CLOSE if close else TargetState.MISSED


def targets_for(*, year: int, unit_id: int | None = None) -> QuerySet[Target]:
    """Targets in force for the year: general ones, plus those set for `unit_id` or a group holding it.
    For each metric, the unit's own target comes first, then its group's, then the general one."""
    if unit_id is None:
        targets = Target.objects.filter(Q(year__isnull=True) | Q(year=year), unit__isnull=True, group__isnull=True)
        chosen = _choose(list(targets.order_by("pk")), None, {})
    else:
        chosen = targets_by_unit(year=year, unit_ids=[unit_id])[unit_id]
    return Target.objects.filter(pk__in=[t.pk for t in chosen]).select_related("unit", "group")


def targets_by_unit(*, year: int, unit_ids: Iterable[int]) -> dict[int, list[Target]]:
    """The targets in force for each of many units (the rule of `targets_for`). One query for the targets
    and one per group that has a target, whatever the number of units."""
    from organizations.selectors import unit_group_members

    unit_ids = list(unit_ids)
    targets = list(Target.objects.filter(Q(year__isnull=True) | Q(year=year)).select_related("group").order_by("pk"))
    groups = {t.group.pk: t.group for t in targets if t.group is not None}
    members = {
        group_id: set(unit_group_members(group).filter(pk__in=unit_ids).values_list("pk", flat=True))
        for group_id, group in groups.items()
    }
    return {unit_id: _choose(targets, unit_id, members) for unit_id in unit_ids}


def _choose(targets: list[Target], unit_id: int | None, members: dict[int, set[int]]) -> list[Target]:
    """One target per metric: the unit's own, else its group's, else the general one; for each, a target of
    the year before one for every year. Decided here, not by ORDER BY (NULLs sort differently per database)."""
    chosen: dict[str, tuple[tuple[int, int], Target]] = {}
    for target in targets:
        if target.unit_id is not None:
            scope = 0 if target.unit_id == unit_id else None
        elif target.group_id is not None:
            scope = 1 if unit_id in members.get(target.group_id, ()) else None
        else:
            scope = 2
        if scope is None:
            continue
        rank = (scope, 0 if target.year else 1)
        if target.metric not in chosen or rank < chosen[target.metric][0]:
            chosen[target.metric] = (rank, target)
    return [chosen[metric][1] for metric in sorted(chosen)]


HOME_UNITS_SHOWN = 5


def home_flags(*, user, today: dt.date) -> dict[str, Any] | None:
    """For those who manage units: receiving units of their tree below a target in force for them this quarter
    (their own, their group's, or the general one: `targets_by_unit`).

    Units that received no dossier have no rate and are not listed (no "0 % Chưa đạt" for an office that
    does not receive dossiers). A fixed number of queries: the figures of the quarter and the targets."""
    from core.periods import quarter
    from organizations.permissions import unit_ids

    manage = unit_ids(user, "manage")
    if manage is not None and not manage:
        return None
    period = quarter(today.year, (today.month - 1) // 3 + 1)
    figures = onestop_figures(start=period.start, end=period.end, unit_ids=manage)
    in_force = targets_by_unit(year=period.start.year, unit_ids=[row["unit_id"] for row in figures["units"]])
    behind = []
    for row in figures["units"]:
        missed = [
            {"target": t, "value": row.get(t.metric.removeprefix("onestop."))}
            for t in in_force[row["unit_id"]]
            if target_state(t, row.get(t.metric.removeprefix("onestop."))) == TargetState.MISSED
        ]
        if missed:
            behind.append({"unit": row["unit"], "unit_id": row["unit_id"], "missed": missed})
    return {
        "template": "onestop/_home.html",
        "period": period,
        "period_key": f"{period.start.year}-Q{(period.start.month - 1) // 3 + 1}",
        "units": behind[:HOME_UNITS_SHOWN],
        "unit_count": len(behind),
        "receiving_units": len(figures["units"]),
        "has_targets": any(in_force.values()),
    }
