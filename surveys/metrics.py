"""Satisfaction figures as metrics (core.metrics), for PAR Index scoring and targets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from core.metrics import MetricValue
from onestop.selectors import unit_tree_ids
from surveys.selectors import satisfaction_figures
from surveys.sipas import PROCEDURES_FACTOR


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def satisfaction_index(unit, start: dt.date, end: dt.date) -> MetricValue:
    """DOMAIN §5: the mean of the five factor shares; numerator/denominator are not a ratio here, so the
    number of responses is given as the denominator and the factor shares in `detail`."""
    total = satisfaction_figures(start=start, end=end, unit_ids=unit_tree_ids(unit))["total"]
    return MetricValue(
        value=_decimal(total["index"]),
        numerator=None,
        denominator=total["responses"],
        detail={"factors": {f["factor"]: f["share_satisfied"] for f in total["factors"]}},
    )


def procedure_satisfaction(unit, start: dt.date, end: dt.date) -> MetricValue:
    """The share satisfied on the "administrative procedures" factor (one of the five of DOMAIN §5)."""
    total = satisfaction_figures(start=start, end=end, unit_ids=unit_tree_ids(unit))["total"]
    row = next((f for f in total["factors"] if f["factor"] == PROCEDURES_FACTOR), None)
    if row is None:
        return MetricValue(value=None, numerator=0, denominator=0)
    return MetricValue(value=_decimal(row["share_satisfied"]), numerator=row["satisfied"], denominator=row["answers"])


METRICS = [
    ("satisfaction.index", _("Chỉ số hài lòng (SIPAS) – trung bình năm yếu tố"), satisfaction_index),
    ("surveys.procedure_satisfaction", _("Tỷ lệ hài lòng về thủ tục hành chính"), procedure_satisfaction),
]
