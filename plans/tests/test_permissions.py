"""Who reaches which plan page: anonymous → login; outsider → 404; lead-unit officer reads; ward leader imports."""

import datetime as dt

import pytest
from django.urls import reverse

from plans import services
from plans.tests.conftest import SAMPLE_DOCX


@pytest.fixture
def plan_and_requirement(ward, cchc):
    requirement = services.requirement_set(
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
    return plan, requirement


PAGES = ["plan_detail", "plan_file", "plan_xlsx", "register", "plan_import", "requirement_create"]
# persona → expected status per page
EXPECTED = {
    "anonymous": {
        "plan_detail": 302,
        "plan_file": 302,
        "plan_xlsx": 302,
        "register": 302,
        "plan_import": 302,
        "requirement_create": 302,
    },
    "officer": {
        "plan_detail": 200,
        "plan_file": 200,
        "plan_xlsx": 200,
        "register": 404,
        "plan_import": 403,
        "requirement_create": 403,
    },
    "leader": {
        "plan_detail": 200,
        "plan_file": 200,
        "plan_xlsx": 200,
        "register": 200,
        "plan_import": 200,
        "requirement_create": 200,
    },
    "td_officer": {
        "plan_detail": 404,
        "plan_file": 404,
        "plan_xlsx": 404,
        "register": 200,
        "plan_import": 403,
        "requirement_create": 403,
    },
    "focal": {
        "plan_detail": 200,
        "plan_file": 200,
        "plan_xlsx": 200,
        "register": 200,
        "plan_import": 200,
        "requirement_create": 200,
    },
}


def _url(page, plan, requirement):
    return {
        "plan_detail": plan.get_absolute_url(),
        "plan_file": reverse("plans:plan_file", args=[plan.pk]),
        "plan_xlsx": reverse("plans:plan_export", args=[plan.pk, "xlsx"]),
        "register": requirement.get_absolute_url(),
        "plan_import": reverse("plans:plan_import"),
        "requirement_create": reverse("plans:requirement_create"),
    }[page]


@pytest.mark.parametrize("persona", list(EXPECTED))
@pytest.mark.parametrize("page", PAGES)
def test_matrix(client, ward, plan_and_requirement, persona, page):
    plan, requirement = plan_and_requirement
    if persona != "anonymous":
        client.force_login(getattr(ward, persona))
    assert client.get(_url(page, plan, requirement)).status_code == EXPECTED[persona][page]
