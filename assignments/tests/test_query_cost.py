"""The oversight dashboard counts, orders and pages in the database: the same number of queries whether
there are 10 or 1,000 assignments (issue 10)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assignments.models import Assignment


def _add(count, *, org, focal_point, today):
    """Open assignments, half of them overdue (deadline in the past), spread over two lead units."""
    Assignment.objects.bulk_create(
        Assignment(
            assigning_unit=org.root,
            lead_unit=org.a if i % 2 else org.b,
            content=f"Nhiệm vụ {i}",
            deadline=today + dt.timedelta(days=(-1 - i % 30) if i % 2 else 10),
            created_by=focal_point,
        )
        for i in range(count)
    )


def _queries(client) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("assignments:dashboard"))
    assert response.status_code == 200
    return len(captured.captured_queries), response


@pytest.mark.django_db
def test_dashboard_queries_do_not_grow_with_assignments(client, org, focal_point, today):
    client.force_login(focal_point)
    _add(10, org=org, focal_point=focal_point, today=today)
    few, response = _queries(client)
    assert response.context["counts"]["overdue"] == 5
    _add(990, org=org, focal_point=focal_point, today=today)
    many, response = _queries(client)
    assert many == few
    page = response.context["overdue"]
    assert page.paginator.count == 500 and len(page.object_list) == 50
    # Most days late first: the earliest deadline, then the id.
    deadlines = [a.deadline for a in page.object_list]
    assert deadlines == sorted(deadlines) and deadlines[0] == today - dt.timedelta(days=30)
    assert response.content.decode().count('id="overdue-pages"') == 1


@pytest.mark.django_db
def test_overdue_pages_and_export_hold_every_overdue_assignment(client, org, focal_point, today):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(focal_point)
    _add(120, org=org, focal_point=focal_point, today=today)
    last = client.get(reverse("assignments:dashboard"), {"overdue_page": 2}).context["overdue"]
    assert last.number == 2 and len(last.object_list) == 10
    assert client.get(reverse("assignments:dashboard"), {"overdue_page": "x"}).status_code == 200
    response = client.get(reverse("assignments:dashboard"), {"export": "overdue"})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    numbered = [row for row in rows if isinstance(row[0], int)]
    assert len(numbered) == 60 and numbered[0][-1] == 30  # every overdue one, most days late first


@pytest.mark.django_db
def test_unit_table_queries_do_not_grow_with_assignments(client, org, focal_point, today):
    """The table per unit (loaded on demand by htmx) is three grouped queries whatever the number of rows."""
    client.force_login(focal_point)

    def fragment():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("assignments:dashboard"), {"units": "1"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        return len(captured.captured_queries), response

    _add(10, org=org, focal_point=focal_point, today=today)
    few, _response = fragment()
    _add(990, org=org, focal_point=focal_point, today=today)
    many, response = fragment()
    assert many == few
    assert [row.total for row in response.context["units"]] == [500, 500]
