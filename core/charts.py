"""Server-rendered SVG charts: geometry computed here, drawn by `templates/core/_chart_*.html` with CSS classes
for colours (no inline style, no script), each chart followed by a table with the same figures.

Values are plain numbers; `css` is a class of static/tiendo/site.css (ok, warn, bad, info, band-0 …).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Mark:
    label: str
    value: float
    display: str
    css: str = ""
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0


@dataclass
class Rule:
    """A reference line (a target, a band's lower bound) with its label."""

    label: str
    position: float = 0


@dataclass
class Chart:
    width: int
    height: int
    marks: list[Mark] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    label_width: int = 0
    plot_top: int = 0
    plot_bottom: int = 0


def _num(value) -> float:
    return float(value) if isinstance(value, (int, float, Decimal)) else 0.0


def horizontal_bars(
    items: list[tuple[str, float, str, str]],
    *,
    scale_max: float,
    rules: list[tuple[str, float]] = (),  # type: ignore[assignment]
    width: int = 640,
    row: int = 22,
    label_width: int = 200,
) -> Chart:
    """One bar per (label, value, display, css); rules are vertical lines at a value (targets, band bounds)."""
    plot = width - label_width - 60
    scale_max = scale_max or 1
    chart = Chart(width=width, height=row * len(items) + 24, label_width=label_width, plot_top=0)
    for index, (label, value, display, css) in enumerate(items):
        length = max(0.0, min(1.0, _num(value) / scale_max)) * plot
        chart.marks.append(
            Mark(
                label,
                _num(value),
                display,
                css,
                x=label_width,
                y=index * row + 3,
                width=round(length, 1),
                height=row - 6,
            )
        )
    chart.plot_bottom = row * len(items)
    for label, value in rules:
        chart.rules.append(Rule(label, round(label_width + max(0.0, min(1.0, _num(value) / scale_max)) * plot, 1)))
    return chart


def stacked_bar(items: list[tuple[str, float, str]], *, width: int = 640, height: int = 28) -> Chart:
    """One bar split into segments (label, count, css), e.g. assignments by status."""
    total = sum(_num(v) for _l, v, _c in items) or 1
    chart = Chart(width=width, height=height)
    x = 0.0
    for label, value, css in items:
        length = _num(value) / total * width
        if length > 0:
            chart.marks.append(
                Mark(label, _num(value), str(value), css, x=round(x, 1), y=0, width=round(length, 1), height=height)
            )
        x += length
    return chart


def vertical_bars(
    items: list[tuple[str, float | None, str, str]],
    *,
    scale_max: float,
    rules: list[tuple[str, float]] = (),  # type: ignore[assignment]
    height: int = 180,
    column: int = 46,
) -> Chart:
    """One column per (label, value, display, css) — months, say — with horizontal rules (a target)."""
    top, bottom = 10, height - 24
    plot = bottom - top
    scale_max = scale_max or 1
    chart = Chart(width=max(column * len(items), column) + 40, height=height, plot_top=top, plot_bottom=bottom)
    for index, (label, value, display, css) in enumerate(items):
        length = max(0.0, min(1.0, _num(value) / scale_max)) * plot
        chart.marks.append(
            Mark(
                label,
                _num(value),
                display,
                css,
                x=index * column + 8,
                y=round(bottom - length, 1),
                width=column - 14,
                height=round(length, 1),
            )
        )
    for label, value in rules:
        chart.rules.append(Rule(label, round(bottom - max(0.0, min(1.0, _num(value) / scale_max)) * plot, 1)))
    return chart
