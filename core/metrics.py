"""A registry of measurable figures ("metrics") that other apps can score or target.

Apps that compute figures register them in their `AppConfig.ready()`:

    register_metric(Metric(key="onestop.online_rate", label=_("Tỷ lệ hồ sơ trực tuyến"),
                           compute=online_rate_for, kind="rate"))

`compute(unit, start, end)` returns a MetricValue (the figure and the counts behind it) for the unit and
everything beneath it, over [start, end] inclusive. PAR Index scoring rules and targets look metrics up
by key, so neither depends on how a figure is computed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class MetricValue:
    value: Decimal | None  # a fraction (0..1) for rates, a count otherwise; None when undefined (0/0)
    numerator: int | None = None
    denominator: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)  # e.g. evidence lists


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    compute: Callable[[Any, dt.date, dt.date], MetricValue]
    kind: str = "rate"  # "rate" (shown as %) or "count"
    source: str = ""  # the app that provides it


_REGISTRY: dict[str, Metric] = {}


def register_metric(metric: Metric) -> None:
    _REGISTRY[metric.key] = metric


def get_metric(key: str) -> Metric | None:
    return _REGISTRY.get(key)


def all_metrics() -> list[Metric]:
    return sorted(_REGISTRY.values(), key=lambda m: m.key)


def metric_choices() -> list[tuple[str, str]]:
    return [(m.key, str(m.label)) for m in all_metrics()]
