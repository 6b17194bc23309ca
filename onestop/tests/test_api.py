import io
import json

import pytest

from core.metrics import get_metric
from onestop.tests.conftest import TEST_FIXTURES
from organizations.choices import Role
from organizations.models import Unit
from organizations.tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def officer(sample_data):
    user = UserFactory(username="anhoa")
    MembershipFactory(user=user, unit=Unit.objects.get(short_name="UBND xã An Hòa"), role=Role.OFFICER)
    return user


def test_api_figures_for_admin_equal_the_contract(client, sample_data, admin_user):
    client.force_login(admin_user)
    data = client.get("/api/v1/onestop/figures/", {"from": "2026-07-01", "to": "2026-09-30"}).json()
    expected = json.loads((TEST_FIXTURES / "expected-kpi.json").read_text(encoding="utf-8"))
    assert data["total"] == expected["total"]
    assert [{k: v for k, v in row.items() if k != "unit_id"} for row in data["units"]] == expected["units"]


def test_api_figures_are_scoped(client, officer):
    client.force_login(officer)
    data = client.get("/api/v1/onestop/figures/", {"from": "2026-07-01", "to": "2026-09-30"}).json()
    assert [row["unit"] for row in data["units"]] == ["UBND xã An Hòa"]
    other = Unit.objects.get(short_name="UBND xã Tân Phú")
    response = client.get("/api/v1/onestop/figures/", {"from": "2026-07-01", "to": "2026-09-30", "unit": other.pk})
    assert response.status_code == 404


def test_api_unit_tree_figures(client, sample_data, admin_user):
    client.force_login(admin_user)
    data = client.get(
        "/api/v1/onestop/figures/", {"from": "2026-07-01", "to": "2026-09-30", "unit": sample_data.pk}
    ).json()
    assert data["total"]["dossiers"] == 1660


def test_api_dossiers_scoped_and_bad_dates(client, officer, django_assert_max_num_queries):
    client.force_login(officer)
    with django_assert_max_num_queries(6):
        data = client.get("/api/v1/onestop/dossiers/", {"channel": "online"}).json()
    assert data["count"] > 0
    assert client.get("/api/v1/onestop/figures/", {"from": "01/07/2026", "to": "2026-09-30"}).status_code == 400


def test_api_import_errors_in_one_shape(client, sample_data, admin_user):
    client.force_login(admin_user)
    upload = io.BytesIO("Mã TTHC,Tên TTHC,Mức độ DVC\nX1,Tên,Mức 9\n".encode())
    upload.name = "p.csv"
    response = client.post("/api/v1/onestop/imports/procedures/", {"file": upload})
    assert response.status_code == 400
    assert response.json()["extra"]["errors"][0]["row"] == 2


def test_metrics_registered_for_par_scoring(sample_data):
    import datetime as dt

    value = get_metric("onestop.online_rate").compute(sample_data, dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert (value.numerator, value.denominator) == (583, 1255)
    uptake = get_metric("onestop.online_procedure_uptake").compute(
        sample_data, dt.date(2026, 7, 1), dt.date(2026, 9, 30)
    )
    assert len(uptake.detail["online_procedures_without_dossiers"]) == 5
