"""Satisfaction figures (DOMAIN §5) against a hand computation; the metrics, the command and the API."""

import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from core.metrics import get_metric
from surveys.models import Answer, Response
from surveys.tests.conftest import FACTORS

pytestmark = pytest.mark.django_db
D = dt.date


JULY_15 = D(2026, 7, 15)


def _response(questionnaire, questions, unit, values, on=JULY_15):
    response = Response.objects.create(questionnaire=questionnaire, unit=unit, answered_on=on, channel="paper")
    for code, value in zip(FACTORS, values, strict=True):
        if value is not None:
            Answer.objects.create(response=response, question_id=questions[code], value=value)
    return response


@pytest.fixture
def fixture_responses(org, questionnaire, questions):
    """Office A: two responses; commune C: two; one outside the period. Values per factor in FACTORS order."""
    _response(questionnaire, questions, org.a, [5, 4, 3, 2, 1])
    _response(questionnaire, questions, org.a, [4, 4, 4, 4, 4])
    _response(questionnaire, questions, org.c, [1, 2, 5, 5, None])
    _response(questionnaire, questions, org.c, [3, 5, 5, 4, 5])
    _response(questionnaire, questions, org.c, [5, 5, 5, 5, 5], on=D(2026, 10, 1))  # outside Q3


def test_index_equals_a_hand_computation(fixture_responses, org):
    from surveys.selectors import satisfaction_figures

    figures = satisfaction_figures(start=D(2026, 7, 1), end=D(2026, 9, 30))
    total = figures["total"]
    assert total["responses"] == 4
    shares = {f["factor"]: (f["satisfied"], f["answers"], f["share_satisfied"]) for f in total["factors"]}
    # access: 5,4,1,3 → 2/4; procedures: 4,4,2,5 → 3/4; officials: 3,4,5,5 → 3/4;
    # results: 2,4,5,4 → 3/4; feedback: 1,4,(none),5 → 2/3
    assert shares == {
        "access": (2, 4, 0.5),
        "procedures": (3, 4, 0.75),
        "officials": (3, 4, 0.75),
        "results": (3, 4, 0.75),
        "feedback": (2, 3, 0.6667),
    }
    # index = (0.5 + 0.75 + 0.75 + 0.75 + 2/3) / 5 = 3.41666… / 5 = 0.68333…
    assert total["index"] == 0.6833
    by_unit = {u["unit"]: u for u in figures["units"]}
    # office A: 2/2, 2/2, 1/2, 1/2, 1/2 → (1 + 1 + .5 + .5 + .5) / 5 = 0.7
    assert by_unit["Phòng Nội vụ"]["responses"] == 2
    assert by_unit["Phòng Nội vụ"]["index"] == 0.7
    # commune C: 0/2, 1/2, 2/2, 2/2, 1/1 → (0 + .5 + 1 + 1 + 1) / 5 = 0.7
    assert by_unit["UBND xã Tân Phú"]["index"] == 0.7


def test_no_responses_gives_a_null_index(questionnaire):
    from surveys.selectors import satisfaction_figures

    total = satisfaction_figures(start=D(2026, 7, 1), end=D(2026, 9, 30))["total"]
    assert total["responses"] == 0 and total["index"] is None
    assert [f["share_satisfied"] for f in total["factors"]] == [None] * 5


def test_metrics_are_registered_and_follow_the_unit_tree(fixture_responses, org):
    index = get_metric("satisfaction.index")
    assert index is not None and index.source == "surveys"
    assert index.compute(org.root, D(2026, 7, 1), D(2026, 9, 30)).value == Decimal("0.6833")
    assert index.compute(org.a, D(2026, 7, 1), D(2026, 9, 30)).value == Decimal("0.7")
    assert index.compute(org.b, D(2026, 7, 1), D(2026, 9, 30)).value is None
    procedures = get_metric("surveys.procedure_satisfaction").compute(org.root, D(2026, 7, 1), D(2026, 9, 30))
    assert (procedures.value, procedures.numerator, procedures.denominator) == (Decimal("0.75"), 3, 4)


def test_command_prints_json(fixture_responses):
    out = StringIO()
    call_command("satisfaction", "--from", "2026-07-01", "--to", "2026-09-30", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["period"] == {"from": "2026-07-01", "to": "2026-09-30"}
    assert data["total"]["index"] == 0.6833
    assert [u["unit"] for u in data["units"]] == ["Phòng Nội vụ", "UBND xã Tân Phú"]
    out = StringIO()
    call_command("satisfaction", "--from", "2026-07-01", "--to", "2026-09-30", "--unit", "A", stdout=out)
    assert json.loads(out.getvalue())["total"]["responses"] == 2


def test_api_figures_are_staff_only_and_scoped(client, fixture_responses, officer_a, outsider, org):
    url = "/api/v1/surveys/figures/?from=2026-07-01&to=2026-09-30"
    assert client.get(url).status_code in (401, 403)
    client.force_login(officer_a)
    data = client.get(url).json()
    assert [u["unit"] for u in data["units"]] == ["Phòng Nội vụ"]
    assert data["total"]["index"] == 0.7
    assert client.get(url + f"&unit={org.c.pk}").status_code == 404
    assert client.get(url + "&unit=abc").status_code == 404
    assert client.get(url + "&unit=²").status_code == 404  # "²".isdigit() but not a number
    assert client.get("/api/v1/surveys/figures/?from=2026-13-01&to=x").status_code == 400
    client.force_login(outsider)
    assert client.get(url).json()["units"] == []
