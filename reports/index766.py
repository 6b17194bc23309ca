"""The Decision 766/QĐ-TTg forecast: what the national portal would score a unit, estimated from our data.

Every sub-indicator is data (`IndexIndicator`, in a dated `IndexRuleSet`): its maximum, its threshold
(`full_at`: full points at or above it, else rate × max ÷ threshold; none: rate × max), and which of the
formulas below computes its rate. A sub-indicator the system cannot compute is listed as such, never as 0.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from core.metrics import get_metric
from core.periods import Period
from core.text import normalize
from core.workdays import WorkCalendar
from onestop.choices import Channel
from onestop.models import Dossier, Procedure
from onestop.selectors import dossiers_in_period, unit_tree_ids
from organizations.models import Unit
from reports.choices import IndexFormula
from reports.models import IndexIndicator, IndexRuleSet

CENT = Decimal("0.01")


@dataclass
class Ratio:
    numerator: int | None = None
    denominator: int | None = None
    value: Decimal | None = None
    reason: str = ""  # why it cannot be computed
    basis: str = ""  # what was counted, in words


@dataclass
class IndicatorResult:
    indicator: IndexIndicator
    computable: bool
    ratio: Ratio
    points: Decimal | None = None
    gap: Decimal | None = None
    hint: str = ""

    @property
    def max_points(self) -> Decimal:
        return self.indicator.max_points

    def as_dict(self) -> dict:
        i, r = self.indicator, self.ratio
        return {
            "group": i.group,
            "code": i.code,
            "name": i.name,
            "max_points": float(i.max_points),
            "full_at": float(i.full_at) if i.full_at is not None else None,
            "formula": i.formula_text,
            "computable": self.computable,
            "rate": float(r.value.quantize(Decimal("0.0001"))) if r.value is not None else None,
            "numerator": r.numerator,
            "denominator": r.denominator,
            "points": float(self.points) if self.points is not None else None,
            "gap": float(self.gap) if self.gap is not None else None,
            "reason": r.reason,
            "basis": r.basis,
            "hint": self.hint,
        }


@dataclass
class UnitForecast:
    unit: Unit
    results: list[IndicatorResult] = field(default_factory=list)

    @property
    def points(self) -> Decimal:
        return sum((r.points for r in self.results if r.points is not None), Decimal(0))

    @property
    def computable_max(self) -> Decimal:
        return sum((r.max_points for r in self.results if r.computable), Decimal(0))

    @property
    def not_computable(self) -> list[IndicatorResult]:
        return [r for r in self.results if not r.computable]

    @property
    def top_gaps(self) -> list[IndicatorResult]:
        gaps = [r for r in self.results if r.computable and r.gap and r.gap > 0]
        return sorted(gaps, key=lambda r: (-(r.gap or 0), r.indicator.position))[:3]

    def as_dict(self) -> dict:
        return {
            "unit": self.unit.short_name,
            "unit_id": self.unit.pk,
            "points": float(self.points),
            "computable_max": float(self.computable_max),
            "indicators": [r.as_dict() for r in self.results],
            "top_gaps": [r.indicator.code for r in self.top_gaps],
        }


def rule_set_for(day: dt.date) -> IndexRuleSet | None:
    """The rule set in force on `day` (the period's end)."""
    return (
        IndexRuleSet.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)
        .order_by("-valid_from")
        .first()
    )


def points_for(rate: Decimal, max_points: Decimal, full_at: Decimal | None) -> Decimal:
    """Full points at or above the threshold, else rate × max ÷ threshold; rate × max without one."""
    if full_at:
        points = max_points if rate >= full_at else rate * max_points / full_at
    else:
        points = min(rate, Decimal(1)) * max_points
    return points.quantize(CENT, rounding=ROUND_HALF_UP)


def _ratio(numerator: int, denominator: int, basis: str, empty: str) -> Ratio:
    if not denominator:
        return Ratio(numerator, denominator, None, empty, basis)
    return Ratio(numerator, denominator, Decimal(numerator) / Decimal(denominator), "", basis)


class _UnitData:
    """The dossier counts one unit's indicators need, a few aggregate queries in all."""

    def __init__(self, unit: Unit, period: Period) -> None:
        self.unit, self.period = unit, period
        self.unit_ids = unit_tree_ids(unit)
        self.received = dossiers_in_period(start=period.start, end=period.end, unit_ids=self.unit_ids).order_by()

    def on_time(self) -> Ratio:
        start, end = self.period.start, self.period.end
        queryset = Dossier.objects.filter(receiving_unit_id__in=self.unit_ids).filter(
            Q(received_on__range=(start, end)) | Q(completed_on__range=(start, end))
        )
        done = Q(completed_on__isnull=False, completed_on__lte=end)
        open_at_end = Q(completed_on__isnull=True) | Q(completed_on__gt=end)
        in_time = (done & (Q(due_on__isnull=True) | Q(completed_on__lte=F("due_on")))) | (
            open_at_end & (Q(due_on__isnull=True) | Q(due_on__gte=end))
        )
        few_requests = Q(supplement_requests__isnull=True) | Q(supplement_requests__lte=1)
        counts = queryset.order_by().aggregate(all=Count("pk"), good=Count("pk", filter=in_time & few_requests))
        return _ratio(
            counts["good"],
            counts["all"],
            _("hồ sơ đúng hạn hoặc còn trong hạn / hồ sơ tiếp nhận hoặc giải quyết trong kỳ"),
            _("Không có hồ sơ trong kỳ"),
        )

    def online_dossiers(self) -> Ratio:
        counts = self.received.aggregate(all=Count("pk"), online=Count("pk", filter=Q(channel=Channel.ONLINE)))
        return _ratio(
            counts["online"], counts["all"], _("hồ sơ trực tuyến / hồ sơ tiếp nhận"), _("Không có hồ sơ trong kỳ")
        )

    def competence(self):
        """Procedures in the unit's competence: those of its tier in the catalogue; when the catalogue
        names no tier matching the unit's level, the procedures it received dossiers for."""
        level = normalize(self.unit.level.name) if self.unit.level_id else ""
        tiers = {t for t in Procedure.objects.values_list("tier", flat=True).distinct() if t}
        matching = [t for t in tiers if level and normalize(t) and normalize(t) in level]
        if matching:
            return Procedure.objects.filter(tier__in=matching), _("TTHC cấp %(tier)s trong danh mục") % {
                "tier": ", ".join(sorted(matching))
            }
        used = self.received.values("procedure_id")
        return Procedure.objects.filter(pk__in=used), _("TTHC có hồ sơ tại đơn vị trong kỳ")

    def online_procedures(self) -> Ratio:
        procedures, basis = self.competence()
        counts = procedures.aggregate(all=Count("pk"), online=Count("pk", filter=Q(service_level__online_capable=True)))
        return _ratio(
            counts["online"],
            counts["all"],
            _("TTHC có DVC trực tuyến / %(basis)s") % {"basis": basis},
            _("Không xác định được TTHC thuộc thẩm quyền"),
        )

    def published_on_time(self, working_days: int) -> Ratio:
        """Procedures announced in the period and published within `working_days` working days after."""
        procedures, basis = self.competence()
        if not procedures.filter(announced_on__isnull=False).exists():
            return Ratio(
                reason=_("Danh mục TTHC không có cột «%(column)s»") % {"column": "Ngày quyết định công bố"},
                basis=basis,
            )
        announced = list(
            procedures.filter(announced_on__range=(self.period.start, self.period.end)).values_list(
                "announced_on", "published_on"
            )
        )
        if not announced:
            return Ratio(reason=_("Không có TTHC được công bố trong kỳ"), basis=basis)
        last = max(p or a for a, p in announced)
        calendar = WorkCalendar(min(a for a, _p in announced), last + dt.timedelta(days=1))
        on_time = sum(1 for a, p in announced if p is not None and calendar.working_days_between(a, p) <= working_days)
        return _ratio(
            on_time,
            len(announced),
            _("TTHC công khai trong %(n)s ngày làm việc / TTHC được công bố trong kỳ (%(basis)s)")
            % {"n": working_days, "basis": basis},
            "",
        )

    def _flag(self, field_name: str, queryset, column: str, basis: str) -> Ratio:
        counts = queryset.aggregate(
            known=Count("pk", filter=Q(**{f"{field_name}__isnull": False})),
            yes=Count("pk", filter=Q(**{field_name: True})),
        )
        if not counts["known"]:
            return Ratio(
                None, None, None, _("Tệp hồ sơ không có cột «%(column)s» cho kỳ này") % {"column": column}, basis
            )
        return _ratio(counts["yes"], counts["known"], basis, "")

    def online_payment(self) -> Ratio:
        return self._flag(
            "online_payment",
            self.received,
            "Thanh toán trực tuyến",
            _("hồ sơ thanh toán trực tuyến / hồ sơ có ghi thông tin thanh toán"),
        )

    def procedures_paid_online(self) -> Ratio:
        rows = list(
            self.received.filter(online_payment__isnull=False)
            .values("procedure_id")
            .annotate(paid=Count("pk", filter=Q(online_payment=True)))
        )
        if not rows:
            return Ratio(
                reason=_("Tệp hồ sơ không có cột «%(column)s» cho kỳ này") % {"column": "Thanh toán trực tuyến"}
            )
        return _ratio(
            sum(1 for r in rows if r["paid"]),
            len(rows),
            _("TTHC có hồ sơ thanh toán trực tuyến / TTHC có hồ sơ ghi thông tin thanh toán"),
            "",
        )

    def digitised(self) -> Ratio:
        return self._flag(
            "digitised", self.received, "Số hóa thành phần hồ sơ", _("hồ sơ được số hóa / hồ sơ tiếp nhận có ghi")
        )

    def electronic_results(self) -> Ratio:
        completed = Dossier.objects.filter(
            receiving_unit_id__in=self.unit_ids, completed_on__range=(self.period.start, self.period.end)
        ).order_by()
        return self._flag(
            "electronic_result",
            completed,
            "Kết quả điện tử",
            _("hồ sơ có kết quả điện tử / hồ sơ có kết quả trong kỳ có ghi"),
        )


def _compute(indicator: IndexIndicator, data: _UnitData) -> Ratio:
    formula = indicator.formula
    if formula == IndexFormula.METRIC:
        metric = get_metric(indicator.metric_key)
        if metric is None:
            return Ratio(reason=_("Hệ thống chưa có số liệu «%(key)s»") % {"key": indicator.metric_key})
        value = metric.compute(data.unit, data.period.start, data.period.end)
        if value.value is None:
            return Ratio(value.numerator, value.denominator, None, _("Không có dữ liệu trong kỳ"), str(metric.label))
        return Ratio(value.numerator, value.denominator, Decimal(value.value), "", str(metric.label))
    if formula == IndexFormula.PUBLISHED_ON_TIME:
        return data.published_on_time(indicator.working_days or 5)
    computers: dict[str, Callable[[], Ratio]] = {
        IndexFormula.ON_TIME: data.on_time,
        IndexFormula.ONLINE_PROCEDURES: data.online_procedures,
        IndexFormula.ONLINE_DOSSIERS: data.online_dossiers,
        IndexFormula.ONLINE_PAYMENT: data.online_payment,
        IndexFormula.PROCEDURES_PAID_ONLINE: data.procedures_paid_online,
        IndexFormula.DIGITISED: data.digitised,
        IndexFormula.ELECTRONIC_RESULTS: data.electronic_results,
    }
    compute = computers.get(formula)
    if compute is None:
        return Ratio(reason=_("Hệ thống chưa có dữ liệu để tính chỉ số này"))
    return compute()


def _percent(value: Decimal) -> str:
    text = f"{(value * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):f}".removesuffix(".0")
    return text.replace(".", ",") + " %"


def _hint(indicator: IndexIndicator, ratio: Ratio, period: Period) -> str:
    """'34 hồ sơ trực tuyến nữa trong kỳ để đạt 50 %': how many more of the counted thing reach full points,
    the total staying the same."""
    if ratio.value is None or ratio.numerator is None or not ratio.denominator:
        return ""
    target = indicator.full_at or Decimal(1)
    needed = math.ceil(target * ratio.denominator) - ratio.numerator
    if needed <= 0:
        return ""
    template = indicator.closing_hint or _("{n} nữa để đạt {target}")
    values = {"n": needed, "target": _percent(target), "period": period.label or _("kỳ")}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def forecast_unit(unit: Unit, period: Period, rule_set: IndexRuleSet) -> UnitForecast:
    data = _UnitData(unit, period)
    forecast = UnitForecast(unit)
    for indicator in rule_set.indicators.all():
        ratio = _compute(indicator, data)
        if ratio.value is None:
            forecast.results.append(IndicatorResult(indicator, False, ratio))
            continue
        points = points_for(ratio.value, indicator.max_points, indicator.full_at)
        forecast.results.append(
            IndicatorResult(
                indicator, True, ratio, points, indicator.max_points - points, _hint(indicator, ratio, period)
            )
        )
    return forecast


def forecast_units(units, period: Period) -> tuple[IndexRuleSet | None, list[UnitForecast]]:
    rule_set = rule_set_for(period.end)
    if rule_set is None:
        return None, []
    return rule_set, [forecast_unit(unit, period, rule_set) for unit in units]


def receiving_units(period: Period, unit_ids: set[int] | None) -> list[Unit]:
    """Units that received dossiers in the period (within `unit_ids` when given)."""
    received = dossiers_in_period(start=period.start, end=period.end).order_by().values("receiving_unit_id").distinct()
    units = Unit.objects.filter(pk__in=received)
    if unit_ids is not None:
        units = units.filter(pk__in=unit_ids)
    return list(units.order_by("short_name"))
