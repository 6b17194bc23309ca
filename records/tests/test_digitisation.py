"""Digitised one-stop dossiers and electronic results, from the optional columns of the dossier export:
rates where the export gave the columns, an honest "no data" (never 0 %) where it did not."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from core.metrics import get_metric
from onestop.models import Procedure, ServiceLevel
from onestop.services import dossiers_import

HEADER = "Mã hồ sơ,Mã TTHC,Đơn vị tiếp nhận,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trả kết quả qua BCCI"
YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


@pytest.fixture
def dossiers(org, tmp_path):
    """Commune C's export has the two columns; office A's older export has neither."""
    Procedure.objects.create(code="1.000001", name="Đăng ký khai sinh", service_level=ServiceLevel.objects.first())
    with_columns = tmp_path / "xa.csv"
    with_columns.write_text(
        HEADER + ",Số hóa thành phần hồ sơ,Kết quả điện tử\n"
        # received 2026: digitised yes, no, yes, blank (3 known, 2 yes)
        "HS1,1.000001,UBND xã Tân Phú,Trực tuyến,02/07/2026,05/07/2026,04/07/2026,Không,Có,Có\n"
        "HS2,1.000001,UBND xã Tân Phú,Trực tiếp,03/07/2026,06/07/2026,05/07/2026,Không,Không,Không\n"
        "HS3,1.000001,UBND xã Tân Phú,Trực tiếp,04/07/2026,07/07/2026,,Không,Có,\n"
        "HS4,1.000001,UBND xã Tân Phú,Trực tiếp,05/07/2026,08/07/2026,,Không,,\n"
        # received in 2025, result issued electronically in 2026: counts for the 2026 results only
        "HS5,1.000001,UBND xã Tân Phú,Trực tiếp,29/12/2025,05/01/2026,05/01/2026,Không,Có,Có\n",
        encoding="utf-8",
    )
    without_columns = tmp_path / "phong.csv"
    without_columns.write_text(
        HEADER + "\nHS9,1.000001,Phòng Nội vụ,Trực tiếp,02/07/2026,05/07/2026,04/07/2026,Không\n", encoding="utf-8"
    )
    dossiers_import(source=with_columns)
    dossiers_import(source=without_columns)


def test_overview_shows_rates_and_no_data_when_the_export_had_no_column(client, org, focal_point, dossiers):
    client.force_login(focal_point)
    response = client.get(reverse("records:overview"), {"year": "2026"})
    rows = {r.unit.short_name: r for r in response.context["rows"]}
    commune, office = rows["UBND xã Tân Phú"].digitisation, rows["Phòng Nội vụ"].digitisation
    assert (commune.digitised.total, commune.digitised.known, commune.digitised.yes) == (4, 3, 2)
    assert (commune.electronic.total, commune.electronic.known, commune.electronic.yes) == (3, 3, 2)
    assert office.digitised.total == 1 and office.digitised.rate is None and office.electronic.rate is None
    html = response.content.decode()
    commune_row = html.split(f'id="unit-{org.c.pk}"')[1].split("</tr>")[0]
    office_row = html.split(f'id="unit-{org.a.pk}"')[1].split("</tr>")[0]
    assert "2 / 3 (67%)" in commune_row and "1 hồ sơ không ghi" in commune_row
    assert "không có dữ liệu" in office_row and "%" not in office_row.split('class="num digitised"')[1]
    # The export for the Home Affairs office carries the same words.
    assert client.get(reverse("records:overview"), {"year": "2026", "export": "xlsx"}).status_code == 200


def test_unit_page_shows_the_figures_of_its_year(client, org, focal_point, dossiers):
    client.force_login(focal_point)
    page = client.get(reverse("records:unit", args=[org.c.pk]), {"year": "2026"}).content.decode()
    section = page.split('id="digitisation"')[1].split("</section>")[0]
    assert "2 / 3 (67%)" in section and "2 / 3 (67%)" in section.split('class="num electronic"')[1]
    earlier = client.get(reverse("records:unit", args=[org.c.pk]), {"year": "2024"}).content.decode()
    assert earlier.split('id="digitisation"')[1].split("</section>")[0].count("no-data") == 2
    office = client.get(reverse("records:unit", args=[org.a.pk]), {"year": "2026"}).content.decode()
    assert office.split('id="digitisation"')[1].split("</section>")[0].count("no-data") == 2


def test_metrics_give_rates_over_known_dossiers_and_none_without_the_column(org, dossiers):
    digitised = get_metric("records.digitised_dossier_rate")
    electronic = get_metric("records.electronic_result_rate")
    whole = digitised.compute(org.root, *YEAR)  # the district and every unit beneath it
    assert (whole.value, whole.numerator, whole.denominator) == (Decimal(2) / Decimal(3), 2, 3)
    assert whole.detail == {"received": 5, "without_column": 2}
    assert electronic.compute(org.root, *YEAR).value == Decimal(2) / Decimal(3)
    # Column absent → no data, not 0 %.
    office = digitised.compute(org.a, *YEAR)
    assert (office.value, office.numerator, office.denominator) == (None, 0, 0)
    assert electronic.compute(org.a, *YEAR).value is None
    # The quarter before: only HS5 was received (digitised), no result yet.
    q4 = (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert digitised.compute(org.c, *q4).value == 1
    assert electronic.compute(org.c, *q4).value is None


def test_api_overview_gives_null_rates_without_the_column(client, org, focal_point, dossiers):
    client.force_login(focal_point)
    data = {r["unit_name"]: r for r in client.get("/api/v1/records/overview/", {"year": 2026}).json()}
    assert data["UBND xã Tân Phú"]["digitised"] == {"total": 4, "known": 3, "yes": 2, "rate": 0.6667}
    assert data["UBND xã Tân Phú"]["electronic_results"]["rate"] == 0.6667
    assert data["Phòng Nội vụ"]["digitised"] == {"total": 1, "known": 0, "yes": 0, "rate": None}
    assert data["Phòng Tư pháp"]["electronic_results"]["rate"] is None


def test_outsiders_do_not_see_the_figures(client, org, dossiers):
    from conftest import _member
    from organizations.choices import Role

    client.force_login(_member(org.x, Role.OFFICER, "outsider"))
    assert client.get(reverse("records:unit", args=[org.c.pk]), {"year": "2026"}).status_code == 404
    names = [r["unit_name"] for r in client.get("/api/v1/records/overview/", {"year": 2026}).json()]
    assert "UBND xã Tân Phú" not in names


def test_a_new_import_updates_the_cached_figures(org, dossiers, tmp_path):
    metric = get_metric("records.digitised_dossier_rate")
    assert metric.compute(org.c, *YEAR).denominator == 3
    update = tmp_path / "bo-sung.csv"
    update.write_text(
        HEADER + ",Số hóa thành phần hồ sơ\nHS4,1.000001,UBND xã Tân Phú,Trực tiếp,05/07/2026,08/07/2026,,Không,Có\n",
        encoding="utf-8",
    )
    dossiers_import(source=update)
    after = metric.compute(org.c, *YEAR)
    assert (after.numerator, after.denominator) == (3, 4)
