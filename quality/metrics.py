"""Figures registered in `core.metrics` (see QualityConfig.ready)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from core.metrics import MetricValue


def _subtree(unit) -> set[int]:
    from onestop.selectors import unit_tree_ids

    return set(unit_tree_ids(unit))


def documents_up_to_date_rate(unit, start: dt.date, end: dt.date) -> MetricValue:
    """Share of ISO documents (plus the missing ones) that are up to date with the catalogue on `end`."""
    from quality.selectors import documents_up_to_date

    up, total = documents_up_to_date(unit_ids=_subtree(unit), on=end)
    return MetricValue(Decimal(up) / Decimal(total) if total else None, up, total)
