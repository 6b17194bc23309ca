"""The period report one-stop staff know: per unit and field, carried over, received by channel,
finished early / on time / late, still in progress (not yet due / overdue), returned by post."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import generations
from core.text import natural_key
from onestop.choices import Channel
from onestop.models import Dossier
from onestop.selectors import COUNTED, GENERATION, cache_parts
from organizations.models import Unit

COLUMNS = [
    ("carried_over", gettext_lazy("Kỳ trước chuyển qua")),
    ("in_person", gettext_lazy("Tiếp nhận trực tiếp")),
    ("online", gettext_lazy("Tiếp nhận trực tuyến")),
    ("postal", gettext_lazy("Tiếp nhận qua BCCI")),
    ("finished_early", gettext_lazy("Giải quyết trước hạn")),
    ("finished_on_time", gettext_lazy("Giải quyết đúng hạn")),
    ("finished_late", gettext_lazy("Giải quyết quá hạn")),
    ("open_not_due", gettext_lazy("Đang giải quyết trong hạn")),
    ("open_overdue", gettext_lazy("Đang giải quyết quá hạn")),
    ("returned_by_post", gettext_lazy("Trả kết quả qua BCCI")),
]


def period_report(
    *, start: dt.date, end: dt.date, unit_ids: Iterable[int] | None = None, table: bool = True
) -> dict[str, Any]:
    """The full table, one row per unit and field (a province: thousands of rows, for the XLSX), its total,
    and the two summaries a page shows: per unit and per field. Counts cached per import generation, the
    summaries too (with the unit names they were made with); `table=False` skips the full table (the page)."""
    unit_ids = list(unit_ids) if unit_ids is not None else None
    counts = generations.cached(
        GENERATION, ["report", *cache_parts(start, end, unit_ids)], lambda: _report_counts(start, end, unit_ids)
    )
    names = dict(Unit.objects.filter(pk__in={r[0] for r in counts}).values_list("pk", "short_name"))
    headers = [_("Đơn vị"), _("Lĩnh vực"), *[str(label) for _key, label in COLUMNS]]
    summary = generations.cached(
        GENERATION,
        ["report-summary", *cache_parts(start, end, unit_ids), generations.digest(names.items())],
        lambda: _summaries(_table(counts, names)),
    )
    data = {"headers": headers, "keys": [key for key, _label in COLUMNS], **summary}
    if table:
        rows = _table(counts, names)
        data["rows"] = [*rows, [_("Tổng cộng"), "", *summary["total"]]] if rows else []
    return data


def _table(counts: list[tuple[int, str, list[int]]], names: dict[int, str]) -> list[list]:
    return sorted(([names[unit_id], field or "—", *values] for unit_id, field, values in counts), key=_order)


def _summaries(table: list[list]) -> dict[str, Any]:
    by_unit: dict[str, list] = {}
    by_field: dict[str, list] = {}
    for row in table:
        by_unit.setdefault(row[0], []).append(row)
        by_field.setdefault(row[1], []).append(row)
    return {
        "row_count": len(table),
        "total": _sum_columns(table) if table else [],
        "by_unit": [
            [name, *_sum_columns(rows)] for name, rows in sorted(by_unit.items(), key=lambda i: natural_key(i[0]))
        ],
        "by_field": [[name, *_sum_columns(rows)] for name, rows in sorted(by_field.items())],
    }


def _order(row: list) -> tuple:
    return (natural_key(row[0]), row[1])


def _sum_columns(rows: list[list]) -> list[int]:
    return [sum(row[i] for row in rows) for i in range(2, 2 + len(COLUMNS))]


def _report_counts(start: dt.date, end: dt.date, unit_ids: list[int] | None) -> list[tuple[int, str, list[int]]]:
    # Every dossier that was open at some point of the period: received by its end, not finished before it.
    active = Dossier.objects.filter(received_on__lte=end).filter(
        Q(completed_on__isnull=True) | Q(completed_on__gte=start)
    )
    if unit_ids is not None:
        active = active.filter(receiving_unit_id__in=list(unit_ids))
    received = Q(received_on__gte=start)
    finished = Q(completed_on__isnull=False, completed_on__lte=end)
    still_open = Q(completed_on__isnull=True) | Q(completed_on__gt=end)
    rows = (
        active.values("receiving_unit_id", "procedure__field")
        .annotate(
            carried_over=Count(COUNTED, filter=Q(received_on__lt=start)),
            in_person=Count(COUNTED, filter=received & Q(channel=Channel.IN_PERSON)),
            online=Count(COUNTED, filter=received & Q(channel=Channel.ONLINE)),
            postal=Count(COUNTED, filter=received & Q(channel=Channel.POSTAL)),
            finished_early=Count(COUNTED, filter=finished & Q(completed_on__lt=F("due_on"))),
            finished_on_time=Count(COUNTED, filter=finished & Q(completed_on=F("due_on"))),
            finished_late=Count(COUNTED, filter=finished & Q(completed_on__gt=F("due_on"))),
            open_not_due=Count(COUNTED, filter=still_open & (Q(due_on__gte=end) | Q(due_on__isnull=True))),
            open_overdue=Count(COUNTED, filter=still_open & Q(due_on__lt=end)),
            returned_by_post=Count(COUNTED, filter=finished & Q(postal_return=True)),
        )
        .order_by()
    )
    keys = [key for key, _label in COLUMNS]
    return [(r["receiving_unit_id"], r["procedure__field"], [r[k] for k in keys]) for r in rows]
