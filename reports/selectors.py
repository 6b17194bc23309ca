"""Reads of the reports app: cycle periods (the 14th rule), who must report, scopes, reporting rate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.periods import Period
from core.workdays import WorkCalendar
from organizations import permissions
from organizations.models import Unit
from reports.choices import FigureKind, ReportStatus, Timeliness
from reports.models import ReportCycle, ReportFigure, ReportKind, UnitReport

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def _shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def cycle_period(kind: ReportKind, year: int, number: int) -> Period:
    """The data period of report `number` of `year`: from the day after the previous cut-off, `length_months`
    back, to the cut-off day (quarter I 2027: 15/12/2026 – 14/03/2027)."""
    if not 1 <= number <= kind.periods_per_year:
        raise ValueError(_("%(kind)s chỉ có kỳ số 1 đến %(n)s.") % {"kind": kind.name, "n": kind.periods_per_year})
    end_month = kind.first_end_month + (number - 1) * kind.step_months
    end_year, end_month = _shift(year, end_month, 0)
    start_year, start_month = _shift(end_year, end_month, -kind.length_months)
    label = cycle_title(kind, year, number)
    return Period(
        dt.date(start_year, start_month, kind.cutoff_day + 1), dt.date(end_year, end_month, kind.cutoff_day), label
    )


def cycle_due_date(kind: ReportKind, year: int, number: int) -> dt.date:
    return cycle_period(kind, year, number).end.replace(day=kind.due_day)


def cycle_title(kind: ReportKind, year: int, number: int) -> str:
    if kind.periods_per_year > 1:
        return _("%(kind)s %(n)s năm %(y)s") % {"kind": kind.name, "n": ROMAN[number - 1], "y": year}
    return _("%(kind)s năm %(y)s") % {"kind": kind.name, "y": year}


def reporting_units(*, kind: ReportKind, owner: Unit, on: dt.date) -> QuerySet[Unit]:
    """Units beneath `owner` (not itself) of the kind's levels and unit kinds, active on `on`."""
    units = Unit.objects.descendants(owner).active(on)
    levels = list(kind.reporting_levels.values_list("pk", flat=True))
    if levels:
        units = units.filter(level_id__in=levels)
    if kind.reporting_unit_kinds:
        units = units.filter(kind__in=kind.reporting_unit_kinds)
    return units.order_by("short_name")


def cycles_visible_to(user) -> QuerySet[ReportCycle]:
    """A cycle is seen by everyone in its tree (who must report, and when)."""
    ids = permissions.unit_ids(user, "directory")
    queryset = ReportCycle.objects.select_related("kind", "owner", "template")
    return queryset if ids is None else queryset.filter(owner_id__in=ids)


def reports_visible_to(user) -> QuerySet[UnitReport]:
    """A unit's report: the unit's own scope and whoever manages the consolidating unit."""
    view, manage = permissions.unit_ids(user, "view"), permissions.unit_ids(user, "manage")
    queryset = UnitReport.objects.select_related("cycle", "cycle__kind", "cycle__owner", "unit")
    if view is None or manage is None:
        return queryset
    return queryset.filter(Q(unit_id__in=view) | Q(cycle__owner_id__in=manage))


def can_open_cycle(user, owner: Unit) -> bool:
    return permissions.can(user, "manage", owner.pk)


def can_review(user, report: UnitReport) -> bool:
    return permissions.can(user, "manage", report.cycle.owner_id)


def can_edit(user, report: UnitReport) -> bool:
    return report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED) and permissions.can(
        user, "change", report.unit_id
    )


def effective_due(due_on: dt.date, calendar: WorkCalendar) -> dt.date:
    """A due date on a weekend or holiday moves to the next working day."""
    day = due_on
    while not calendar.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def calendar_for(cycle: ReportCycle, on: dt.date | None = None) -> WorkCalendar:
    last = max(on or cycle.due_on, cycle.due_on) + dt.timedelta(days=60)
    return WorkCalendar(cycle.due_on - dt.timedelta(days=10), last)


@dataclass
class RateRow:
    report: UnitReport
    timeliness: str
    late_days: int  # working days after the (effective) due date; 0 when on time

    @property
    def timeliness_label(self) -> str:
        return str(Timeliness(self.timeliness).label)


def report_timeliness(report: UnitReport, *, calendar: WorkCalendar, on: dt.date) -> tuple[str, int]:
    due = effective_due(report.cycle.due_on, calendar)
    if report.first_submitted_at is None:
        if on <= due:
            return Timeliness.NOT_DUE, 0
        return Timeliness.MISSING, calendar.working_days_between(due, on)
    received = timezone.localdate(report.first_submitted_at)
    if received <= due:
        return Timeliness.ON_TIME, 0
    return Timeliness.LATE, calendar.working_days_between(due, received)


def reporting_rate(cycle: ReportCycle, *, on: dt.date | None = None) -> dict:
    """Per unit: on time / late / missing (on the working-day calendar), with the counts and rate."""
    on = on or timezone.localdate()
    calendar = calendar_for(cycle, on)
    rows = []
    for report in cycle.reports.select_related("unit", "cycle").order_by("unit__short_name"):
        timeliness, late = report_timeliness(report, calendar=calendar, on=on)
        rows.append(RateRow(report, timeliness, late))
    counts = {choice.value: 0 for choice in Timeliness}
    for row in rows:
        counts[row.timeliness] += 1
    submitted = counts[Timeliness.ON_TIME] + counts[Timeliness.LATE]
    total = len(rows)
    return {
        "rows": rows,
        "counts": counts,
        "total": total,
        "submitted": submitted,
        "rate": (Decimal(submitted) / Decimal(total)).quantize(Decimal("0.0001")) if total else None,
        "on_time_rate": (Decimal(counts[Timeliness.ON_TIME]) / Decimal(total)).quantize(Decimal("0.0001"))
        if total
        else None,
        "effective_due": effective_due(cycle.due_on, calendar),
    }


def format_figure(figure: ReportFigure) -> str:
    """'60,00 % (12/20)' for a rate, '12' for a count, '—' when undefined."""
    row = figure.row
    if row.kind == FigureKind.TEXT:
        return figure.text or "—"
    if figure.value is None:
        if figure.denominator == 0:
            return _("— (không phát sinh)")
        return "—"
    if row.kind == FigureKind.RATE:
        percent = f"{figure.value * 100:.2f}".replace(".", ",")
        if figure.numerator is not None and figure.denominator is not None:
            return f"{percent} % ({figure.numerator}/{figure.denominator})"
        return f"{percent} %"
    value = figure.value.normalize()
    text = f"{value:f}".replace(".", ",")
    return f"{text} {row.unit_label}".strip()


@dataclass
class ConsolidatedRow:
    row: object  # FigureRow
    total: str
    value: Decimal | None


def consolidated(cycle: ReportCycle) -> dict:
    """What the consolidating unit's report is drafted from: the accepted reports, the system's figures for
    the whole tree (metric rows) or the sum of the accepted reports (typed rows), and who did not report."""
    from core.metrics import get_metric
    from reports.choices import FigureSource

    reports = list(
        cycle.reports.select_related("unit")
        .prefetch_related("figures__row", "texts__section")
        .order_by("unit__short_name")
    )
    accepted = [r for r in reports if r.status == ReportStatus.ACCEPTED]
    rows = []
    for row in cycle.template.figure_rows.all():
        figure = ReportFigure(row=row)
        if row.source == FigureSource.METRIC:
            metric = get_metric(row.metric_key)
            if metric is not None:
                result = metric.compute(cycle.owner, cycle.start, cycle.end)
                figure.value = result.value.quantize(Decimal("0.0001")) if result.value is not None else None
                figure.numerator, figure.denominator = result.numerator, result.denominator
        else:
            values = [f.value for r in accepted for f in r.figures.all() if f.row_id == row.pk and f.value is not None]
            figure.value = sum(values, Decimal(0)) if values else None
        rows.append(ConsolidatedRow(row, format_figure(figure), figure.value))
    rate = reporting_rate(cycle)
    return {
        "cycle": cycle,
        "reports": reports,
        "accepted": accepted,
        "rows": rows,
        "rate": rate,
        "missing": [r.report.unit for r in rate["rows"] if r.report.first_submitted_at is None],
        "late": [r for r in rate["rows"] if r.timeliness == Timeliness.LATE],
    }


def unit_figures(report: UnitReport) -> list[tuple[str, str]]:
    return [(f.row.label, format_figure(f)) for f in report.figures.all()]
