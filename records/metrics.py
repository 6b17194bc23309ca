"""Figures registered in `core.metrics` (see RecordsConfig.ready)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Sum

from core.metrics import MetricValue
from organizations.models import Unit


def _subtree(unit) -> list[int]:
    return list(Unit.objects.descendants(unit, include_self=True).values_list("pk", flat=True))


def deposit_on_time_rate(unit, start: dt.date, end: dt.date) -> MetricValue:
    """Of the work files whose deposit deadline falls in [start, end] and that are due by `end`, the share
    deposited by the deadline."""
    from records.models import WorkFile
    from records.selectors import DepositRules, work_file_rows

    rules = DepositRules()
    files = WorkFile.objects.filter(unit_id__in=_subtree(unit), ended_on__isnull=False)
    on_time = due = 0
    for row in work_file_rows(files, on=end, rules=rules):
        if row.deadline is None or not start <= row.deadline <= end:
            continue
        if row.state in ("on_time", "late", "overdue"):
            due += 1
            on_time += row.state == "on_time"
    # Units that report counts instead of a list: their whole years inside the period, when no listed file of
    # theirs falls due in that year.
    from records.models import WorkFileCount

    listed = {
        (row.work_file.unit_id, row.deadline.year) for row in work_file_rows(files, on=end, rules=rules) if row.deadline
    }
    for count in WorkFileCount.objects.filter(unit_id__in=_subtree(unit), year__gte=start.year, year__lte=end.year):
        whole_year = start <= dt.date(count.year, 1, 1) and dt.date(count.year, 12, 31) <= end
        if whole_year and (count.unit_id, count.year) not in listed:
            due += count.due
            on_time += count.deposited_on_time
    return MetricValue(Decimal(on_time) / Decimal(due) if due else None, on_time, due)


def backlog_sorted_rate(unit, start: dt.date, end: dt.date) -> MetricValue:
    """Shelf metres of backlog sorted by `end`, over the total backlog (metres, rounded, as the counts)."""
    from records.models import ArchiveBacklog, SortingProgress

    ids = _subtree(unit)
    total = ArchiveBacklog.objects.filter(unit_id__in=ids).aggregate(s=Sum("total_metres"))["s"] or Decimal(0)
    done = SortingProgress.objects.filter(backlog__unit_id__in=ids, recorded_on__lte=end).aggregate(s=Sum("metres"))[
        "s"
    ] or Decimal(0)
    return MetricValue(done / total if total else None, round(done), round(total), {"metres": f"{done:g}/{total:g}"})


def _digitisation(unit, start: dt.date, end: dt.date):
    from records.digitisation import digitisation_total

    return digitisation_total(unit_ids=_subtree(unit), start=start, end=end)


def digitised_dossier_rate(unit, start: dt.date, end: dt.date) -> MetricValue:
    """One-stop dossiers received in the period whose components were digitised, over those whose export said
    yes or no; None (no data) when the export never gave the column, never 0 %."""
    flag = _digitisation(unit, start, end).digitised
    return MetricValue(flag.rate, flag.yes, flag.known, {"received": flag.total, "without_column": flag.unknown})


def electronic_result_rate(unit, start: dt.date, end: dt.date) -> MetricValue:
    """Results issued in the period that were electronic, over those whose export said yes or no."""
    flag = _digitisation(unit, start, end).electronic
    return MetricValue(flag.rate, flag.yes, flag.known, {"results": flag.total, "without_column": flag.unknown})
