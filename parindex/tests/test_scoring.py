import datetime as dt
from decimal import Decimal

import pytest

from core.errors import ApplicationError
from core.metrics import Metric, MetricValue, register_metric
from parindex.scoring import parse_rule
from parindex.selectors import suggested_score
from parindex.services import criterion_update


@pytest.mark.parametrize(
    ("value", "points"),
    [
        (Decimal("0.6"), Decimal(3)),
        (Decimal("0.59"), Decimal("1.5")),
        (Decimal("0.4"), Decimal("1.5")),
        (Decimal("0.1"), 0),
    ],
)
def test_threshold_rule(value, points):
    rule = parse_rule("≥ 60%: 3; ≥ 40%: 1,5; còn lại: 0")
    assert rule.points_for(value) == points


def test_rule_without_else_gives_zero_and_none_for_no_figure():
    rule = parse_rule(">= 50%: 2")
    assert rule.points_for(Decimal("0.2")) == 0
    assert rule.points_for(None) is None


def test_unreadable_rule_names_the_segment():
    with pytest.raises(ApplicationError, match="«khoảng 60: 3»"):
        parse_rule("≥ 60%: 3; khoảng 60: 3")


def test_suggested_score_from_a_registered_metric(district, criteria_set):
    calls = []

    def compute(unit, start, end):
        calls.append((unit, start, end))
        return MetricValue(value=Decimal(45) / 100, numerator=45, denominator=100)

    register_metric(Metric(key="test.rate", label="Tỷ lệ thử", compute=compute))
    criterion = criteria_set.criteria.get(code="7.2.1")
    criterion_update(criterion=criterion, metric_key="test.rate", scoring_rule="≥ 60%: 3; ≥ 40%: 1,5; còn lại: 0")
    points, value = suggested_score(criterion, district.a, 2026)
    assert points == Decimal("1.5")
    assert (value.numerator, value.denominator) == (45, 100)
    assert calls == [(district.a, dt.date(2026, 1, 1), dt.date(2026, 12, 31))]


def test_rule_giving_more_than_max_is_refused(criteria_set):
    with pytest.raises(ApplicationError):
        criterion_update(criterion=criteria_set.criteria.get(code="7.2.1"), metric_key="", scoring_rule="≥ 1: 5")


def test_suggestion_from_real_one_stop_figures(district, criteria_set):
    from onestop.models import Dossier, Procedure, ServiceLevel

    full = ServiceLevel.objects.get(code="full")
    procedure = Procedure.objects.create(code="P", name="Thủ tục", service_level=full)
    for i, channel in enumerate(["online", "online", "in_person"]):
        Dossier.objects.create(
            code=f"H{i}",
            procedure=procedure,
            receiving_unit=district.a,
            channel=channel,
            received_on=dt.date(2026, 5, 1),
        )
    criterion = criteria_set.criteria.get(code="7.2.1")
    criterion_update(
        criterion=criterion, metric_key="onestop.online_rate", scoring_rule="≥ 60%: 3; ≥ 40%: 1,5; còn lại: 0"
    )
    points, value = suggested_score(criterion, district.a, 2026)
    assert (points, value.numerator, value.denominator) == (Decimal(3), 2, 3)
