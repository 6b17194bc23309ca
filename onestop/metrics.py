"""The one-stop figures as metrics (core.metrics), for targets and PAR Index scoring."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from core.metrics import MetricValue
from onestop.selectors import onestop_figures, unit_tree_ids


def _value(numerator: int, denominator: int, detail: dict | None = None) -> MetricValue:
    value = Decimal(numerator) / Decimal(denominator) if denominator else None
    return MetricValue(value=value, numerator=numerator, denominator=denominator, detail=detail or {})


def _total(unit, start: dt.date, end: dt.date) -> dict:
    return onestop_figures(start=start, end=end, unit_ids=unit_tree_ids(unit))["total"]


def online_rate(unit, start: dt.date, end: dt.date) -> MetricValue:
    t = _total(unit, start, end)
    return _value(t["online_dossiers"], t["online_capable_dossiers"])


def online_procedure_uptake(unit, start: dt.date, end: dt.date) -> MetricValue:
    t = _total(unit, start, end)
    return _value(
        t["online_procedures_with_online_dossiers"],
        t["online_procedures"],
        {"online_procedures_without_dossiers": t["online_procedures_without_dossiers"]},
    )


def on_time_rate(unit, start: dt.date, end: dt.date) -> MetricValue:
    t = _total(unit, start, end)
    return _value(t["completed_on_time"], t["completed"])


def postal_rate(unit, start: dt.date, end: dt.date) -> MetricValue:
    t = _total(unit, start, end)
    return _value(t["postal_received"], t["dossiers"])


METRICS = [
    ("onestop.online_rate", _("Tỷ lệ hồ sơ trực tuyến (TTHC có DVC trực tuyến)"), online_rate),
    ("onestop.online_procedure_uptake", _("Tỷ lệ TTHC trực tuyến phát sinh hồ sơ trực tuyến"), online_procedure_uptake),
    ("onestop.on_time_rate", _("Tỷ lệ hồ sơ giải quyết đúng hạn"), on_time_rate),
    ("onestop.postal_rate", _("Tỷ lệ hồ sơ nộp qua bưu chính công ích"), postal_rate),
]
