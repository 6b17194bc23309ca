"""No N+1 in the PAR Index API, and a draft assessment computes each unit-year figure once (issue 10)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organizations.tests.factories import UnitFactory
from parindex.services import assessment_open, criterion_update


def _list_queries(client) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v1/parindex/assessments/")
    assert response.status_code == 200
    return len(captured.captured_queries), response.json()


@pytest.mark.django_db
def test_assessment_list_queries_do_not_grow_with_rows(client, district, criteria_set, assessments):
    client.force_login(district.focal)
    few, body = _list_queries(client)
    assert body["count"] == 2 and all("self" in row["totals"] for row in body["results"])
    for i in range(10):
        assessment_open(criteria_set=criteria_set, unit=UnitFactory(code=f"N{i}", kind="commune", parent=district.root))
    many, body = _list_queries(client)
    assert body["count"] == 12
    assert many == few


@pytest.mark.django_db
def test_draft_assessment_computes_the_units_one_stop_year_once(client, district, criteria_set, assessments):
    from onestop.models import Dossier, Procedure, ServiceLevel

    procedure = Procedure.objects.create(code="P", name="Thủ tục", service_level=ServiceLevel.objects.get(code="full"))
    for i, channel in enumerate(["online", "online", "in_person"]):
        Dossier.objects.create(
            code=f"H{i}",
            procedure=procedure,
            receiving_unit=district.a,
            channel=channel,
            received_on=dt.date(2026, 5, 1),
        )
    linked = list(criteria_set.criteria.filter(children__isnull=True).order_by("position")[:3])
    rule = "≥ 60%: 0,5; còn lại: 0"
    for criterion, key in zip(
        linked, ["onestop.online_rate", "onestop.on_time_rate", "onestop.online_rate"], strict=True
    ):
        criterion_update(criterion=criterion, metric_key=key, scoring_rule=rule)
    client.force_login(district.officer_a)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/chi-so-cchc/danh-gia/{assessments[0].pk}/")
    assert response.status_code == 200
    dossier_queries = [q["sql"] for q in captured.captured_queries if "onestop_dossier" in q["sql"]]
    # One pass for the units' counts and one for the procedures, whatever the number of linked criteria.
    assert len(dossier_queries) == 2


def _score_at_random(assessment, seed):
    """Self and appraised scores on some leaves (and on a parent and a survey row), the rest left empty."""
    import random
    from decimal import Decimal

    from parindex.models import Score

    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    for score in Score.objects.filter(assessment=assessment).select_related("criterion"):
        if rng.random() < 0.3:
            continue
        top = score.criterion.max_points or Decimal(1)
        score.self_score = (top * Decimal(rng.randint(0, 4)) / 4).quantize(Decimal("0.01"))
        score.appraised_score = (
            (top * Decimal(rng.randint(0, 4)) / 4).quantize(Decimal("0.01")) if rng.random() < 0.5 else None
        )
        score.save(update_fields=["self_score", "appraised_score"])


@pytest.mark.django_db
def test_totals_in_bulk_equal_the_scored_tree(district, criteria_set, assessments):
    """`totals_of` (the ranking and the API, from plain values) gives what the assessment page computes."""
    from parindex.selectors import assessment_rows, assessment_totals, totals_of

    for seed, assessment in enumerate(assessments):
        _score_at_random(assessment, seed)
    bulk = totals_of(list(assessments))
    for assessment in assessments:
        expected = assessment_totals(assessment, assessment_rows(assessment))
        assert bulk[assessment.pk] == expected
        assert expected.self_total > 0  # the draw scored something


@pytest.mark.django_db
def test_ranking_queries_do_not_grow_with_assessments(client, district, criteria_set, assessments):
    from django.urls import reverse

    client.force_login(district.focal)
    for seed, assessment in enumerate(assessments):
        _score_at_random(assessment, seed)

    def ranking_queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("parindex:ranking", args=[criteria_set.pk]))
        assert response.status_code == 200
        return len(captured.captured_queries), response

    few, response = ranking_queries()
    assert len(response.context["entries"]) == 2 and response.context["lost"]
    for i in range(10):
        assessment_open(criteria_set=criteria_set, unit=UnitFactory(code=f"R{i}", kind="commune", parent=district.root))
    many, response = ranking_queries()
    assert len(response.context["entries"]) == 12
    assert many == few
