"""Scoring rules written as thresholds: "≥ 60%: 3; ≥ 40%: 1,5; còn lại: 0".

Segments are tried in order; the first whose condition holds gives the points. "%" thresholds compare with
rates (fractions); plain numbers compare with the figure as it is (counts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from core.errors import ApplicationError
from core.text import normalize

_OPERATORS = {"≥": "ge", ">=": "ge", ">": "gt", "≤": "le", "<=": "le", "<": "lt", "=": "eq"}
_SEGMENT = re.compile(r"^\s*(≥|>=|≤|<=|>|<|=)\s*([0-9]+(?:[.,][0-9]+)?)\s*(%?)\s*:\s*([0-9]+(?:[.,][0-9]+)?)\s*$")
_ELSE = re.compile(r"^\s*(else|con lai|khac|truong hop khac|duoi muc tren)\s*:\s*([0-9]+(?:[.,][0-9]+)?)\s*$")


def _number(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the regex only lets numbers through
        raise ApplicationError(_("Số không hợp lệ: %(t)s") % {"t": text}) from exc


@dataclass(frozen=True)
class Step:
    operator: str | None  # None for the final "else"
    threshold: Decimal | None
    points: Decimal

    def holds(self, value: Decimal) -> bool:
        if self.operator is None or self.threshold is None:
            return True
        return {
            "ge": value >= self.threshold,
            "gt": value > self.threshold,
            "le": value <= self.threshold,
            "lt": value < self.threshold,
            "eq": value == self.threshold,
        }[self.operator]


@dataclass(frozen=True)
class ScoringRule:
    steps: tuple[Step, ...]

    def points_for(self, value: Decimal | None) -> Decimal | None:
        if value is None:
            return None
        for step in self.steps:
            if step.holds(value):
                return step.points
        return Decimal(0)

    @property
    def max_points(self) -> Decimal:
        return max(step.points for step in self.steps)


def parse_rule(text: str) -> ScoringRule:
    """Parse a rule or raise ApplicationError naming the segment that could not be read."""
    steps = []
    for segment in [s for s in text.split(";") if s.strip()]:
        match = _SEGMENT.match(segment)
        if match:
            operator, threshold, percent, points = match.groups()
            value = _number(threshold) / 100 if percent else _number(threshold)
            steps.append(Step(_OPERATORS[operator], value, _number(points)))
            continue
        match = _ELSE.match(normalize(segment))
        if match:
            steps.append(Step(None, None, _number(match.group(2))))
            continue
        raise ApplicationError(
            _("Không đọc được quy tắc chấm ở đoạn «%(segment)s»; viết như «≥ 60%%: 3; ≥ 40%%: 1,5; còn lại: 0».")
            % {"segment": segment.strip()}
        )
    if not steps:
        raise ApplicationError(_("Quy tắc chấm trống."))
    return ScoringRule(tuple(steps))
