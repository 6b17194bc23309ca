import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from onestop.models import Dossier
from organizations.choices import Role
from organizations.models import Unit
from organizations.tests.factories import MembershipFactory, UserFactory

Q3 = {"period": "2026-Q3"}


@pytest.fixture
def focal(sample_data):
    user = UserFactory(username="focal_os")
    MembershipFactory(user=user, unit=sample_data, role=Role.FOCAL_POINT)
    return user


@pytest.fixture
def commune_officer(sample_data):
    user = UserFactory(username="tanphu")
    MembershipFactory(user=user, unit=Unit.objects.get(short_name="UBND xã Tân Phú"), role=Role.OFFICER)
    return user


def test_dashboard_shows_figures_and_targets(client, focal, django_assert_max_num_queries):
    client.force_login(focal)
    with django_assert_max_num_queries(20):
        body = client.get(reverse("onestop:dashboard"), Q3).content.decode()
    assert "1.660" in body and "UBND xã Long Điền" in body  # thousands grouped the Vietnamese way
    assert "Chưa đạt" in body and "Đạt" in body  # online rate 46 % < 60 %; uptake 71 % ≥ 50 %


def test_commune_officer_sees_only_own_figures(client, commune_officer):
    client.force_login(commune_officer)
    body = client.get(reverse("onestop:dashboard"), Q3).content.decode()
    assert "UBND xã Tân Phú" in body
    assert "UBND xã An Hòa" not in body
    other = Unit.objects.get(short_name="UBND xã An Hòa")
    assert client.get(reverse("onestop:dashboard"), {**Q3, "unit": other.pk}).status_code in (200, 403)
    # a unit outside the scope is not an accepted choice: the form falls back, never showing its figures
    assert "UBND xã An Hòa" not in client.get(reverse("onestop:dashboard"), {**Q3, "unit": other.pk}).content.decode()


def test_unit_export_xlsx_reopens(client, focal):
    client.force_login(focal)
    response = client.get(reverse("onestop:dashboard"), {**Q3, "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[-1][:2] == ("Tổng cộng", 1660)


def test_evidence_list_and_export(client, focal):
    client.force_login(focal)
    body = client.get(reverse("onestop:without_dossiers"), Q3).content.decode()
    for code in ["1.075954", "2.072103", "2.172975", "2.314328", "2.867318"]:
        assert code in body
    response = client.get(reverse("onestop:without_dossiers"), {**Q3, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    codes = [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert codes == ["1.075954", "2.072103", "2.172975", "2.314328", "2.867318"]


def test_follow_up_assignments_from_evidence_list(client, focal):
    from assignments.models import Assignment

    client.force_login(focal)
    units = Unit.objects.filter(short_name__in=["UBND xã Tân Phú", "UBND xã An Hòa"])
    response = client.post(
        reverse("onestop:without_dossiers") + "?period=2026-Q3",
        {"units": [u.pk for u in units], "deadline": "31/12/2026"},
    )
    assert response.status_code == 302
    created = Assignment.objects.filter(lead_unit__in=units)
    assert created.count() == 2
    assert "1.075954" in created.first().content
    # An id that only looks like digits ("²".isdigit() is true) is skipped, never a 500.
    again = client.post(
        reverse("onestop:without_dossiers") + "?period=2026-Q3", {"units": ["²"], "deadline": "31/12/2026"}
    )
    assert again.status_code in (200, 302) and Assignment.objects.count() == 2


def test_period_report_carries_over_and_totals(client, focal):
    client.force_login(focal)
    response = client.get(reverse("onestop:report"), {"period": "2026-08", "export": "xlsx"})
    assert response.streaming  # written to a temporary file and streamed, never held in memory
    content = b"".join(response.streaming_content)
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    header, total = rows[2], rows[-1]
    assert header[2] == "Kỳ trước chuyển qua"
    assert total[0] == "Tổng cộng"
    received_in_august = sum(total[3:6])
    assert received_in_august == Dossier.objects.filter(received_on__month=8).count()
    assert total[2] > 0  # July's open dossiers are carried into August


def test_upload_preview_then_confirm(client, focal):
    client.force_login(focal)
    bad = io.BytesIO(
        "Mã hồ sơ,Mã TTHC,Đơn vị tiếp nhận,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trả kết quả qua BCCI\n"
        "N1,1.075954,UBND xã Tân Phú,Trực tuyến,32/07/2026,05/08/2026,,Không\n".encode()
    )
    bad.name = "ho-so.csv"
    body = client.post(reverse("onestop:import"), {"kind": "dossiers", "file": bad}).content.decode()
    assert "Dòng 2, cột «Ngày tiếp nhận»" in body
    good = io.BytesIO(bad.getvalue().replace(b"32/07/2026", b"30/07/2026"))
    good.name = "ho-so.csv"
    response = client.post(reverse("onestop:import"), {"kind": "dossiers", "file": good})
    assert not Dossier.objects.filter(code="N1").exists()  # preview writes nothing
    token = response.context["token"]
    client.post(reverse("onestop:import"), {"token": token, "kind": "dossiers", "filename": "ho-so.csv"})
    assert Dossier.objects.filter(code="N1").exists()


def test_officer_cannot_import(client, commune_officer):
    client.force_login(commune_officer)
    assert client.get(reverse("onestop:import")).status_code == 403


def test_many_units_show_the_lowest_and_highest_with_the_whole_list_on_demand(client, sample_units, make_procedure):
    import datetime as dt

    from organizations.tests.factories import UnitFactory

    online = make_procedure("P-ONLINE")
    for number in range(25):  # unit k receives 4 dossiers, k % 5 of them online
        unit = UnitFactory(short_name=f"UBND xã Số {number:02d}", kind="commune", parent=sample_units)
        Dossier.objects.bulk_create(
            Dossier(
                code=f"M{number}-{i}",
                procedure=online,
                receiving_unit=unit,
                channel="online" if i < number % 5 else "in_person",
                received_on=dt.date(2026, 8, 1),
            )
            for i in range(4)
        )
    focal = UserFactory(username="focal_many")
    MembershipFactory(user=focal, unit=sample_units, role=Role.FOCAL_POINT)
    client.force_login(focal)
    response = client.get(reverse("onestop:dashboard"), Q3)
    assert len(response.context["bars"]) == 25
    lowest = [row["online_rate"] for row in response.context["bars_lowest"]]
    highest = [row["online_rate"] for row in response.context["bars_highest"]]
    assert len(lowest) == len(highest) == 10
    assert lowest[0] == 0.0 and highest[0] == 1.0  # the furthest behind first, the best first
    body = response.content.decode()
    assert 'id="bars-lowest"' in body and "Xem cả 25 đơn vị" in body


def test_after_import_the_dashboard_opens_on_the_files_period(client, focal):
    client.force_login(focal)
    upload = io.BytesIO(
        "Mã hồ sơ,Mã TTHC,Đơn vị tiếp nhận,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trả kết quả qua BCCI\n"
        "P1,1.075954,UBND xã Tân Phú,Trực tuyến,03/02/2025,05/02/2025,,Không\n"
        "P2,1.075954,UBND xã Tân Phú,Trực tuyến,20/03/2025,25/03/2025,,Không\n".encode()
    )
    upload.name = "ho-so.csv"
    token = client.post(reverse("onestop:import"), {"kind": "dossiers", "file": upload}).context["token"]
    response = client.post(
        reverse("onestop:import"), {"token": token, "kind": "dossiers", "filename": "ho-so.csv"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/mot-cua/?start=03%2F02%2F2025&end=20%2F03%2F2025"
    period = response.context["period"]
    assert (period.start.isoformat(), period.end.isoformat()) == ("2025-02-03", "2025-03-20")
    assert response.context["figures"]["total"]["dossiers"] == 2


def test_monthly_chart_colours_months_by_target(client, focal):
    client.force_login(focal)
    response = client.get(reverse("onestop:dashboard"), Q3)
    chart = response.context["trend_chart"]
    months = {m.label: m for m in chart.marks}
    assert set(months) == {"07/2026", "08/2026", "09/2026"}
    for mark in chart.marks:
        assert mark.css == ("ok" if mark.value >= 0.6 else "bad")
    assert chart.rules and chart.rules[0].label == "Chỉ tiêu 60%"
    body = response.content.decode()
    assert 'id="trend-chart"' in body and "<svg" in body and 'id="trend"' in body  # the chart and its table


def test_cached_unit_table_follows_a_renamed_unit(client, focal):
    """The bars and the table per unit are rendered once per content: a renamed unit shows its new name."""
    client.force_login(focal)
    assert "UBND xã Long Điền" in client.get(reverse("onestop:dashboard"), Q3).content.decode()
    Unit.objects.filter(short_name="UBND xã Long Điền").update(short_name="UBND xã Long Điền Mới")
    body = client.get(reverse("onestop:dashboard"), Q3).content.decode()
    table = body[body.index('id="unit-figures"') :]
    assert "UBND xã Long Điền Mới" in table
