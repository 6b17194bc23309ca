"""The home page says what to do today, per role, with counts that link to the filtered lists."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from assignments import services
from assignments.models import Assignment


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _section(response, key):
    return next(s for s in response.context["sections"] if s["key"] == key)


@pytest.fixture
def tasks(make_assignment, today, officer_a, org):
    overdue = make_assignment(deadline=today - dt.timedelta(days=3), content="Quá hạn rồi")
    soon = make_assignment(deadline=today + dt.timedelta(days=3), content="Sắp đến hạn")
    later = make_assignment(deadline=today + dt.timedelta(days=30), content="Còn lâu")
    services.progress_report_submit(assignment=later, unit=org.a, author=officer_a, text="Xong", is_final=True)
    make_assignment(lead=org.b, deadline=today - dt.timedelta(days=1), content="Của phòng khác")
    return overdue, soon, later


@pytest.mark.django_db
def test_officer_sees_own_tasks_due_overdue_and_awaiting_report(tasks, officer_a):
    client = _client(officer_a)
    response = client.get("/")
    mine = _section(response, "assignments")["mine"]
    assert mine == {"due_soon": 1, "overdue": 1, "awaiting_report": 2}
    body = response.content.decode()
    assert "/nhiem-vu/?role=own&amp;status=overdue" in body
    assert _section(response, "assignments")["decisions"] is None  # an officer decides nothing
    assert not any(s["key"] in ("onestop", "parindex") for s in response.context["sections"])
    # Each count opens the list it counts.
    listed = client.get("/nhiem-vu/", {"role": "own", "pending": "report"}).context["page"].paginator.count
    assert listed == 2
    assert client.get("/nhiem-vu/", {"role": "own", "due": "7"}).context["page"].paginator.count == 1
    assert client.get("/nhiem-vu/", {"role": "own", "status": "overdue"}).context["page"].paginator.count == 1


@pytest.mark.django_db
def test_leader_sees_decisions_and_overdue_by_unit(tasks, leader_root, org):
    client = _client(leader_root)
    response = client.get("/")
    section = _section(response, "assignments")
    assert section["decisions"] == {"reports": 1, "extensions": 0}
    rows = {r["lead_unit__short_name"]: r["n"] for r in section["flags"]["overdue_units"]}
    assert rows == {"Phòng Nội vụ": 1, "Phòng Tư pháp": 1}
    assert client.get("/nhiem-vu/", {"role": "assigned", "pending": "review"}).context["page"].paginator.count == 1
    body = response.content.decode()
    assert f"/nhiem-vu/?lead_unit={org.b.pk}&amp;status=overdue" in body
    assert {"onestop", "parindex"} <= {s["key"] for s in response.context["sections"]}


@pytest.mark.django_db
def test_unread_notices_are_counted(tasks, officer_a):
    from assignments.models import Notification

    unread = Notification.objects.filter(recipient=officer_a, read_at__isnull=True).count()
    response = _client(officer_a).get("/")
    assert _section(response, "assignments")["unread"] == unread


def _home_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["officer_a", "leader_root", "focal_point"])
def test_home_query_count_does_not_grow_with_assignments(persona, request, make_assignment, today, org):
    user = request.getfixturevalue(persona)
    for i in range(10):
        make_assignment(deadline=today + dt.timedelta(days=i - 5))
    client = _client(user)
    client.get("/")
    with_ten = _home_queries(client)
    template = Assignment.objects.first()
    Assignment.objects.bulk_create(
        Assignment(
            content=f"Nhiệm vụ {i}",
            lead_unit=(org.a, org.b, org.c)[i % 3],
            assigning_unit=template.assigning_unit,
            created_by=template.created_by,
            deadline=today + dt.timedelta(days=(i % 40) - 20),
        )
        for i in range(990)
    )
    assert _home_queries(client) == with_ten
