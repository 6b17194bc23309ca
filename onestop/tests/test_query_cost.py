"""Pages whose cost follows the question: cached figures per import generation, a report summarised on
screen, capped counts for the dossier list (issue 10). Query counts, never timings."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from core import generations
from core.pagination import CappedPaginator
from core.tabular import ImportFailed
from onestop.models import Dossier, Procedure, ServiceLevel
from onestop.selectors import GENERATION, monthly_trend, onestop_figures
from onestop.services import dossiers_import
from organizations.choices import Role
from organizations.tests.factories import MembershipFactory, UserFactory

AUGUST = {"start": dt.date(2026, 8, 1), "end": dt.date(2026, 8, 31)}
HEADER = "Mã hồ sơ,Mã TTHC,Đơn vị tiếp nhận,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trả kết quả qua BCCI\n"


def _csv(text: str) -> io.BytesIO:
    data = io.BytesIO((HEADER + text).encode())
    data.name = "ho-so.csv"
    return data


@pytest.fixture
def focal(sample_data):
    user = UserFactory(username="focal_scale")
    MembershipFactory(user=user, unit=sample_data, role=Role.FOCAL_POINT)
    return user


def _dossier_queries(captured) -> int:
    return sum("onestop_dossier" in q["sql"] for q in captured.captured_queries)


def test_figures_are_computed_once_per_import_generation(sample_data):
    first = onestop_figures(**AUGUST)
    with CaptureQueriesContext(connection) as again:
        assert onestop_figures(**AUGUST) == first
        monthly_trend(**AUGUST)
        monthly_trend(**AUGUST)
    # The second figures: the generation and the units' names. The trend: computed once, then cached.
    assert _dossier_queries(again) == 1
    assert len(again.captured_queries) <= 6
    generation = generations.current(GENERATION)

    dossiers_import(source=_csv("NEW-1,1.075954,UBND xã Tân Phú,Trực tuyến,15/08/2026,20/08/2026,,Không\n"))
    assert generations.current(GENERATION) == generation + 1
    fresh = onestop_figures(**AUGUST)
    assert fresh["total"]["dossiers"] == first["total"]["dossiers"] + 1
    assert fresh["total"]["online_dossiers"] == first["total"]["online_dossiers"] + 1


def test_an_unchanged_or_failed_import_keeps_the_cache(sample_data):
    onestop_figures(**AUGUST)
    generation = generations.current(GENERATION)
    with pytest.raises(ImportFailed):
        dossiers_import(source=_csv("BAD,1.075954,UBND xã Tân Phú,Trực tuyến,32/08/2026,,,Không\n"))
    assert generations.current(GENERATION) == generation  # rolled back with the import
    from onestop.tests.conftest import FIXTURES

    dossiers_import(source=FIXTURES / "ho-so.csv")  # the same file again: nothing changes
    assert generations.current(GENERATION) == generation
    with CaptureQueriesContext(connection) as again:
        onestop_figures(**AUGUST)
    assert _dossier_queries(again) == 0


def test_an_edit_of_a_procedure_or_dossier_starts_a_new_generation(sample_data):
    before = onestop_figures(**AUGUST)["total"]
    code = Dossier.objects.filter(received_on__month=8, channel="online").values_list("procedure__code", flat=True)[0]
    procedure = Procedure.objects.get(code=code)
    procedure.service_level = ServiceLevel.objects.filter(online_capable=False).first()
    procedure.save()
    after = onestop_figures(**AUGUST)["total"]
    assert after["online_capable_dossiers"] < before["online_capable_dossiers"]
    Dossier.objects.filter(received_on__month=8).first().delete()
    assert onestop_figures(**AUGUST)["total"]["dossiers"] == after["dossiers"] - 1


def test_figures_count_an_indexed_column_not_the_primary_key(sample_data):
    """COUNT("id") cannot be answered from the covering index; COUNT(received_on) can (index-only scan)."""
    with CaptureQueriesContext(connection) as captured:
        onestop_figures(**AUGUST)
    sql = " ".join(q["sql"] for q in captured.captured_queries if "onestop_dossier" in q["sql"])
    assert 'COUNT("onestop_dossier"."received_on")' in sql
    assert 'COUNT("onestop_dossier"."id")' not in sql


def test_period_report_page_summarises_and_the_xlsx_has_every_row(client, focal):
    client.force_login(focal)
    response = client.get(reverse("onestop:report"), {"period": "2026-08"})
    data = response.context["data"]
    assert "rows" not in data and data["row_count"] > len(data["by_unit"])  # the full table is not on the page
    page = response.content.decode()
    assert page.count("<tr>") <= len(data["by_unit"]) + len(data["by_field"]) + 4
    assert [sum(row[i] for row in data["by_unit"]) for i in range(1, 11)] == data["total"]
    assert [sum(row[i] for row in data["by_field"]) for i in range(1, 11)] == data["total"]
    export = client.get(reverse("onestop:report"), {"period": "2026-08", "export": "xlsx"})
    rows = [r for r in load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.iter_rows(values_only=True)]
    numbered = [r for r in rows if len(r) > 2 and isinstance(r[2], int)]
    assert len(numbered) == data["row_count"] + 1  # every unit × field row, and the total
    assert list(numbered[-1][2:12]) == data["total"]


def test_dossier_list_counts_at_most_the_cap(client, focal, monkeypatch):
    client.force_login(focal)
    total = Dossier.objects.count()
    body = client.get("/api/v1/onestop/dossiers/").json()
    assert (body["count"], body["count_capped"]) == (total, False)
    monkeypatch.setattr(CappedPaginator, "cap", 100)
    with CaptureQueriesContext(connection) as captured:
        body = client.get("/api/v1/onestop/dossiers/", {"page": 2}).json()
    assert (body["count"], body["count_capped"], len(body["results"])) == (100, True, 50)
    count_sql = next(q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper())
    assert "LIMIT 101" in count_sql and "ORDER BY" not in count_sql.upper()
