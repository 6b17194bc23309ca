"""The plans API: import (dry run and real, all-or-nothing), lists scoped to the user, register, remind."""

import datetime as dt
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from assignments.models import Notification
from plans import services
from plans.models import Plan
from plans.tests.conftest import FIXTURES, SAMPLE_XLSX


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _post_import(client, ward, content=None, name=None, **extra):
    return client.post(
        "/api/v1/plans/plans/import/",
        {
            "file": SimpleUploadedFile(name or SAMPLE_XLSX.name, content or SAMPLE_XLSX.read_bytes()),
            "kind": "cchc",
            "year": 2027,
            "issuing_unit": ward.an_binh.pk,
            **extra,
        },
        format="multipart",
    )


def test_dry_run_returns_the_expected_json(ward, cchc):
    response = _post_import(_client(ward.leader), ward, dry_run="true")
    expected = json.loads((FIXTURES / "ke-hoach-cchc-phuong-2027.expected.json").read_text(encoding="utf-8"))
    assert response.status_code == 200 and response.json() == expected
    assert not Plan.objects.exists()


def test_import_then_lists_and_progress(ward, cchc):
    response = _post_import(_client(ward.leader), ward, number="05/KH-UBND", date="2026-12-28")
    assert response.status_code == 201, response.content
    plan_id = response.json()["plan"]
    officer = _client(ward.officer)
    plans = officer.get("/api/v1/plans/plans/").json()["results"]
    assert [p["id"] for p in plans] == [plan_id]
    activities = officer.get("/api/v1/plans/activities/", {"plan": plan_id}).json()["results"]
    assert len(activities) == 8 and activities[0]["output"] == "Kế hoạch của UBND phường"
    progress = officer.get(f"/api/v1/plans/plans/{plan_id}/progress/").json()
    assert progress["total"]["total"] == 9
    assert _client(ward.td_officer).get(f"/api/v1/plans/plans/{plan_id}/").status_code == 404


def test_bad_rows_give_400_and_nothing(ward, cchc):
    csv = "Nội dung nhiệm vụ,Cơ quan chủ trì,Thời hạn\nViệc một,Sở Không Có,Quý I/2027\n"
    response = _post_import(_client(ward.leader), ward, content=csv.encode(), name="kh.csv", date="2027-01-05")
    assert response.status_code == 400
    assert response.json()["extra"]["errors"][0]["row"] == 2
    assert not Plan.objects.exists()


def test_import_refused_outside_scope_and_bad_params(ward, cchc):
    assert _post_import(_client(ward.officer), ward).status_code == 400
    assert _post_import(_client(ward.leader), ward, year="abc").status_code == 400
    assert _client(ward.leader).get("/api/v1/plans/plans/", {"year": "abc"}).status_code == 400
    assert _client(ward.leader).get("/api/v1/plans/plans/", {"year": "99999999999"}).status_code == 400
    assert _client(ward.leader).get("/api/v1/plans/activities/", {"plan": "99999999999"}).status_code == 400
    assert _client(ward.leader).get("/api/v1/plans/plans/abc/").status_code == 404
    assert not Plan.objects.exists()


def test_register_rows_and_remind(ward, cchc):
    requirement = services.requirement_set(
        kind=cchc,
        year=2027,
        requiring_unit=ward.province,
        group=ward.wards,
        due_date=dt.date(2027, 1, 15),
        by=ward.focal,
    )
    client = _client(ward.focal)
    rows = client.get(f"/api/v1/plans/register/{requirement.pk}/rows/").json()
    assert {r["unit_name"]: r["plan"] for r in rows} == {"UBND phường An Bình": None, "UBND phường Tân Định": None}
    assert client.post(f"/api/v1/plans/register/{requirement.pk}/remind/").json()["sent"] == 2
    assert Notification.objects.filter(recipient=ward.td_officer).exists()
    assert _client(ward.td_officer).post(f"/api/v1/plans/register/{requirement.pk}/remind/").status_code == 404
