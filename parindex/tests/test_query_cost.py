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
