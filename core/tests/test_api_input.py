"""Malformed API input is a 400 or a 404, never a 500 (issue 9: the causes Schemathesis found)."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

ACTIONS = [
    "/api/v1/assignments/assignments/abc/cancel/",
    "/api/v1/assignments/assignments/abc/report/",
    "/api/v1/assignments/assignments/abc/extension/",
    "/api/v1/assignments/assignments/abc/reassign/",
    "/api/v1/assignments/reports/abc/accept/",
    "/api/v1/assignments/reports/abc/return/",
    "/api/v1/assignments/extensions/abc/approve/",
    "/api/v1/assignments/extensions/abc/refuse/",
    "/api/v1/parindex/scores/abc/self-score/",
    "/api/v1/parindex/assessments/1.5/appraise/",
    "/api/v1/nothing-here/",
]


@pytest.mark.parametrize("url", ACTIONS)
def test_a_non_numeric_id_is_a_json_404(url, focal_point):
    api = APIClient()
    api.force_authenticate(focal_point)
    response = api.post(url, {"note": "x"}, format="json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_anonymous_gets_401_with_a_bad_token():
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert api.get("/api/v1/parindex/scores/").status_code in (401, 403)


def test_a_list_where_an_object_is_expected_is_a_400(focal_point):
    api = APIClient()
    api.force_authenticate(focal_point)
    response = api.post("/api/v1/assignments/directives/parse/", [], format="json")
    assert response.status_code == 400
    response = api.post("/api/v1/assignments/directives/parse/", {"issuing_unit": 1, "text": ["x"]}, format="json")
    assert response.status_code == 400


def test_assignment_directive_is_nullable_in_the_schema(admin_user):
    api = APIClient()
    api.force_authenticate(admin_user)
    schema = api.get("/api/schema/?format=json").json()
    assert schema["components"]["schemas"]["Assignment"]["properties"]["directive"]["nullable"] is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/v1/quality/systems/followups/", {"systems": [2**70]}),
        ("/api/v1/reports/cycles/open/", {"kind": "quarter", "year": 2026, "number": 1, "owner": 2**70}),
    ],
    ids=["quality-followups", "reports-open"],
)
def test_an_id_too_large_for_the_database_is_a_400(admin_user, url, body):
    """Schemathesis found these: a 2**70 id overflowed the database driver (500)."""
    api = APIClient()
    api.force_authenticate(admin_user)
    response = api.post(url, body, format="json")
    assert response.status_code == 400, response.content


@pytest.mark.django_db
def test_a_yes_no_filter_with_another_value_is_a_400(admin_user):
    api = APIClient()
    api.force_authenticate(admin_user)
    assert api.get("/api/v1/onestop/procedures/?online=true").status_code == 200
    assert api.get("/api/v1/onestop/procedures/?online=").status_code == 400
    response = api.get("/api/v1/onestop/procedures/?online=maybe")
    assert response.status_code == 400
    assert "online" in response.json()
