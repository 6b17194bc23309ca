"""PAR criteria linked to the plan metrics get a suggested score computed from plan tasks and the register."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from parindex.selectors import suggested_score
from parindex.services import criteria_import, criterion_update
from plans import services
from plans.tests.conftest import SAMPLE_DOCX

CRITERIA = Path(__file__).resolve().parents[2] / "parindex" / "tests" / "fixtures" / "bo-chi-so-xa-2026.csv"


def test_plan_criteria_get_suggested_scores(ward, cchc):
    criteria_set, _summary = criteria_import(source=CRITERIA, year=2027, name="Bộ chỉ số phường 2027")
    services.requirement_set(
        kind=cchc,
        year=2027,
        requiring_unit=ward.province,
        group=ward.wards,
        due_date=dt.date(2027, 1, 15),
        by=ward.focal,
    )
    plan = services.plan_import(
        source=SAMPLE_DOCX.read_bytes(),
        filename=SAMPLE_DOCX.name,
        kind=cchc,
        year=2027,
        issuing_unit=ward.an_binh,
        created_by=ward.leader,
    ).plan
    issued = criteria_set.criteria.get(code="1.1.1")  # "Ban hành kế hoạch CCHC năm kịp thời", 1 point
    criterion_update(criterion=issued, metric_key="plans.issued_on_time", scoring_rule="≥ 100%: 1; còn lại: 0")
    completion = criteria_set.criteria.get(code="1.1.2")  # "Mức độ hoàn thành kế hoạch CCHC", 2 points
    criterion_update(
        criterion=completion, metric_key="plans.completion_rate", scoring_rule="≥ 100%: 2; ≥ 80%: 1; còn lại: 0"
    )
    points, value = suggested_score(issued, ward.an_binh, 2027)
    assert (points, value.numerator, value.denominator) == (Decimal(1), 1, 1)
    points, value = suggested_score(issued, ward.tan_dinh, 2027)
    assert points == Decimal(0)

    points, value = suggested_score(completion, ward.an_binh, 2027)
    assert (points, value.numerator, value.denominator) == (Decimal(0), 0, 8)
    # Seven of the eight tasks with a deadline accepted as done: 87.5 % → 1 point; all eight → 2.
    due = [
        link.assignment
        for activity in plan.activities.all()
        for link in activity.links.select_related("assignment")
        if link.assignment.deadline
    ]
    for assignment in due[:7]:
        assignment.done_at = timezone.now()
        assignment.save(update_fields=["done_at"])
    assert suggested_score(completion, ward.an_binh, 2027)[0] == Decimal(1)
    due[7].done_at = timezone.now()
    due[7].save(update_fields=["done_at"])
    assert suggested_score(completion, ward.an_binh, 2027)[0] == Decimal(2)


def test_issued_plans_are_offered_as_par_evidence(ward, cchc):
    from core.evidence import evidence_candidates

    plan = services.plan_import(
        source=SAMPLE_DOCX.read_bytes(),
        filename=SAMPLE_DOCX.name,
        kind=cchc,
        year=2027,
        issuing_unit=ward.an_binh,
        created_by=ward.leader,
    ).plan
    year = (dt.date(plan.date.year, 1, 1), dt.date(plan.date.year, 12, 31))
    offered = [c for c in evidence_candidates([ward.an_binh.pk], *year) if c.url.endswith(f"/{plan.pk}/")]
    assert [(c.number, c.date) for c in offered] == [(plan.number, plan.date)]
    # Another unit's evidence does not include it; nor does another year.
    assert not [c for c in evidence_candidates([ward.province.pk], *year) if c.number == plan.number]
    last_year = (dt.date(plan.date.year - 1, 1, 1), dt.date(plan.date.year - 1, 12, 31))
    assert not [c for c in evidence_candidates([ward.an_binh.pk], *last_year) if c.number == plan.number]
