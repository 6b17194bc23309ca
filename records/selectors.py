"""Reads of the records work: deposit deadlines from the dated rule, per-unit figures, the sorting chart."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from core.periods import add_months
from organizations import permissions
from organizations.choices import UnitKind
from organizations.models import Unit
from records.choices import DepositState
from records.digitisation import Digitisation, digitisation_by_unit
from records.models import (
    ArchiveBacklog,
    DepositRule,
    FileList,
    SortingPlan,
    SortingProgress,
    WorkFile,
    WorkFileCount,
)

ZERO = Decimal(0)


class DepositRules:
    """The dated deposit rules, loaded once; `deadline(ended_on)` applies the rule in force that day."""

    def __init__(self, rules: Iterable[DepositRule] | None = None) -> None:
        self.rules = sorted(rules if rules is not None else DepositRule.objects.all(), key=lambda r: r.effective_from)

    def rule_for(self, day: dt.date) -> DepositRule | None:
        found = None
        for rule in self.rules:
            if rule.effective_from <= day:
                found = rule
        return found

    def deadline(self, ended_on: dt.date | None) -> dt.date | None:
        """The last day to deposit under the rule in force when the work ended: `months_after_end` after the
        day the work ended (the same day, or the month's last day when that month is shorter — 29/02/2028 +
        12 months = 28/02/2029), or after the end of the year it ended in (31/12/2026 + 12 months = 31/12/2027)."""
        if ended_on is None:
            return None
        rule = self.rule_for(ended_on)
        if rule is None:
            return None
        start = ended_on if rule.counted_from == DepositRule.CountedFrom.END_DATE else dt.date(ended_on.year, 12, 31)
        return add_months(start, rule.months_after_end)


def deposit_state(work_file: WorkFile, deadline: dt.date | None, on: dt.date) -> DepositState:
    if work_file.deposited_on is not None:
        return DepositState.ON_TIME if deadline is None or work_file.deposited_on <= deadline else DepositState.LATE
    if work_file.ended_on is None or deadline is None:
        return DepositState.OPEN
    return DepositState.OVERDUE if on > deadline else DepositState.NOT_DUE


@dataclass
class FileRow:
    work_file: WorkFile
    deadline: dt.date | None
    state: DepositState


def work_file_rows(files: Iterable[WorkFile], *, on: dt.date, rules: DepositRules | None = None) -> list[FileRow]:
    rules = rules or DepositRules()
    rows = []
    for work_file in files:
        deadline = rules.deadline(work_file.ended_on)
        rows.append(FileRow(work_file, deadline, deposit_state(work_file, deadline, on)))
    return rows


def deposit_counts(files: Iterable[WorkFile], *, on: dt.date, rules: DepositRules | None = None) -> tuple[int, int]:
    """(deposited on time, due): a file is due once deposited or past its deadline."""
    on_time = due = 0
    for row in work_file_rows(files, on=on, rules=rules):
        if row.state in (DepositState.ON_TIME, DepositState.LATE, DepositState.OVERDUE):
            due += 1
            on_time += row.state == DepositState.ON_TIME
    return on_time, due


@dataclass
class BacklogFigures:
    total: Decimal = ZERO
    sorted: Decimal = ZERO  # cumulative up to the day
    sorted_this_year: Decimal = ZERO
    planned_this_year: Decimal | None = None

    @property
    def remaining(self) -> Decimal:
        return max(self.total - self.sorted, ZERO)

    @property
    def rate(self) -> Decimal | None:
        return self.sorted / self.total if self.total else None

    @property
    def bar(self) -> tuple[str, str, str]:
        """(sorted before this year, sorted this year, sorted) as SVG widths out of 100, never localised."""
        if not self.total:
            return "0", "0", "0"
        before = max(self.sorted - self.sorted_this_year, ZERO)
        return (
            f"{float(before / self.total * 100):.1f}",
            f"{float(self.sorted_this_year / self.total * 100):.1f}",
            f"{float(self.sorted / self.total * 100):.1f}",
        )


def backlog_figures(backlog: ArchiveBacklog, *, year: int, on: dt.date) -> BacklogFigures:
    entries = backlog.progress.filter(recorded_on__lte=on)
    done = entries.aggregate(s=Sum("metres"))["s"] or ZERO
    this_year = entries.filter(recorded_on__year=year).aggregate(s=Sum("metres"))["s"] or ZERO
    plan = SortingPlan.objects.filter(backlog=backlog, year=year).first()
    return BacklogFigures(backlog.total_metres, done, this_year, plan.planned_metres if plan else None)


@dataclass
class UnitRow:
    unit: Unit
    file_list: FileList | None
    on_time: int = 0
    due: int = 0
    overdue: int = 0
    files: int = 0
    backlog: BacklogFigures | None = None
    backlog_id: int | None = None
    reported: bool = False
    from_counts: bool = False  # the deposit figures come from counts the unit entered, not from a list
    digitisation: Digitisation | None = None  # one-stop dossiers digitised / results issued electronically

    @property
    def on_time_rate(self) -> Decimal | None:
        return Decimal(self.on_time) / Decimal(self.due) if self.due else None


def reporting_units(user):
    """Units whose records the user follows: committees, agencies and communes in view scope."""
    units = Unit.objects.filter(kind__in=[UnitKind.COMMITTEE, UnitKind.AGENCY, UnitKind.COMMUNE]).select_related(
        "level"
    )
    return permissions.scoped(units, user, "view", field="pk").order_by("short_name")


def records_overview(*, units, year: int, on: dt.date) -> list[UnitRow]:
    """Per unit: file list approved, deposits on time, backlog remaining and sorted this year, reported or not.
    A unit has reported for the year when it has a file list, a work file, or a sorting entry in that year."""
    units = list(units)
    ids = [u.pk for u in units]
    lists = {f.unit_id: f for f in FileList.objects.filter(unit_id__in=ids, year=year)}
    rules = DepositRules()
    files_by_unit: dict[int, list[WorkFile]] = defaultdict(list)
    for work_file in WorkFile.objects.filter(unit_id__in=ids).only("unit_id", "ended_on", "deposited_on", "year"):
        files_by_unit[work_file.unit_id].append(work_file)
    backlogs = {b.unit_id: b for b in ArchiveBacklog.objects.filter(unit_id__in=ids)}
    progress: defaultdict[int, list[Decimal]] = defaultdict(
        lambda: [ZERO, ZERO]
    )  # backlog id → [sorted up to `on`, sorted in `year`]
    for entry in SortingProgress.objects.filter(backlog__unit_id__in=ids, recorded_on__lte=on):
        progress[entry.backlog_id][0] += entry.metres
        if entry.recorded_on.year == year:
            progress[entry.backlog_id][1] += entry.metres
    plans = {p.backlog_id: p.planned_metres for p in SortingPlan.objects.filter(backlog__unit_id__in=ids, year=year)}
    counts = {c.unit_id: c for c in WorkFileCount.objects.filter(unit_id__in=ids, year=year)}
    digitisation = digitisation_by_unit(unit_ids=ids, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
    rows = []
    for unit in units:
        row = UnitRow(unit, lists.get(unit.pk), digitisation=digitisation.get(unit.pk))
        files = files_by_unit.get(unit.pk, [])
        row.files = sum(1 for f in files if f.year == year)
        for file_row in work_file_rows(files, on=on, rules=rules):
            deadline = file_row.deadline
            # Deposits counted for the year whose deadline falls in it.
            if deadline is None or deadline.year != year:
                continue
            if file_row.state in (DepositState.ON_TIME, DepositState.LATE, DepositState.OVERDUE):
                row.due += 1
                row.on_time += file_row.state == DepositState.ON_TIME
                row.overdue += file_row.state == DepositState.OVERDUE
        count = counts.get(unit.pk)
        if count is not None and not row.due and not row.files:
            row.due, row.on_time, row.files, row.from_counts = count.due, count.deposited_on_time, count.opened, True
        backlog = backlogs.get(unit.pk)
        if backlog is not None:
            done, this_year = progress.get(backlog.pk, (ZERO, ZERO))
            row.backlog = BacklogFigures(backlog.total_metres, done, this_year, plans.get(backlog.pk))
            row.backlog_id = backlog.pk
        row.reported = bool(row.file_list or row.files or (row.backlog and row.backlog.sorted_this_year))
        rows.append(row)
    return rows


# --- The sorting chart (server-rendered SVG, no script) ------------------------------------------------------

CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 600, 220, 48


def _n(value: float) -> str:
    # SVG coordinates are written by us, never localised ("40,5" is not a number in SVG).
    return f"{value:.1f}"


def _metres(value: Decimal) -> str:
    from django.utils.formats import number_format

    return number_format(value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize())


@dataclass
class Chart:
    """A progress chart drawn on the server: every coordinate is a ready string for the SVG attributes."""

    points: str  # the polyline of metres sorted over time
    total_y: str  # where the total line is drawn
    baseline_y: str
    left: str
    right: str
    label_y: str = ""
    x_labels: list[tuple[str, str, str]] = field(default_factory=list)  # x, text-anchor, label
    y_labels: list[tuple[str, str]] = field(default_factory=list)  # y, label
    dots: list[tuple[str, str, str]] = field(default_factory=list)  # x, y, tooltip
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT


def sorting_chart(backlog: ArchiveBacklog) -> Chart | None:
    """Cumulative metres sorted against the total, one point per entry."""
    entries = list(backlog.progress.order_by("recorded_on", "pk"))
    if not entries:
        return None
    cumulative, done = [], ZERO
    for entry in entries:
        done += entry.metres
        cumulative.append((entry.recorded_on, done))
    first, last = entries[0].recorded_on, entries[-1].recorded_on
    span = max((last - first).days, 1)
    top = max(backlog.total_metres, done, Decimal(1))
    inner_w, inner_h = CHART_WIDTH - 2 * CHART_PAD, CHART_HEIGHT - 2 * CHART_PAD

    def x(day: dt.date) -> float:
        if first == last:
            return CHART_PAD + inner_w / 2
        return CHART_PAD + inner_w * (day - first).days / span

    def y(metres: Decimal) -> float:
        return CHART_HEIGHT - CHART_PAD - float(metres / top) * inner_h

    line = ([(first, ZERO)] if first != last else []) + cumulative
    chart = Chart(
        points=" ".join(f"{_n(x(day))},{_n(y(m))}" for day, m in line),
        total_y=_n(y(backlog.total_metres)),
        baseline_y=_n(y(ZERO)),
        left=_n(CHART_PAD),
        right=_n(CHART_WIDTH - CHART_PAD),
    )
    chart.dots = [(_n(x(day)), _n(y(m)), f"{day:%d/%m/%Y}: {_metres(m)}") for day, m in cumulative]
    label_y = CHART_HEIGHT - CHART_PAD + 18
    if first == last:
        chart.x_labels = [(_n(x(first)), "middle", f"{first:%d/%m/%Y}")]
    else:
        chart.x_labels = [(_n(x(first)), "start", f"{first:%d/%m/%Y}"), (_n(x(last)), "end", f"{last:%d/%m/%Y}")]
    chart.label_y = _n(label_y)
    chart.y_labels = [(_n(y(ZERO) + 4), "0"), (_n(y(backlog.total_metres) + 4), _metres(backlog.total_metres))]
    if done < backlog.total_metres:
        chart.y_labels.append((_n(y(done) + 4), _metres(done)))
    return chart


def evidence_candidates(unit_ids, start: dt.date, end: dt.date) -> list:
    """PAR evidence candidates: file lists approved in the period."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from core.evidence import EvidenceCandidate

    lists = FileList.objects.filter(unit_id__in=unit_ids, approved_on__range=(start, end)).select_related("unit")
    return [
        EvidenceCandidate(
            title=_("Danh mục hồ sơ năm %(year)s – %(unit)s") % {"year": f.year, "unit": f.unit.short_name},
            number=f.decision_number,
            date=f.approved_on,
            issuer=f.unit.short_name,
            url=f"{reverse('records:unit', args=[f.unit_id])}?year={f.year}",
        )
        for f in lists
    ]
