"""The overviews cost the same number of queries for 2 units as for 8 (N+1 is a bug)."""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizations.tests.factories import UnitFactory
from records.models import ArchiveBacklog, FileList, SortingProgress, WorkFile


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _add_quality_units(org, make_system, n):
    for _i in range(n):
        unit = UnitFactory(kind="commune", parent=org.root)
        make_system(unit, scope=["P1", "P2"], documents=[("QT-01", dt.date(2026, 2, 1), ["P1"])])


def _add_records_units(org, n):
    for _i in range(n):
        unit = UnitFactory(kind="commune", parent=org.root)
        FileList.objects.create(unit=unit, year=2026, approved_on=dt.date(2026, 1, 5))
        WorkFile.objects.create(unit=unit, year=2025, code="1", title="A", ended_on=dt.date(2025, 3, 1))
        backlog = ArchiveBacklog.objects.create(unit=unit, total_metres=Decimal(10))
        SortingProgress.objects.create(backlog=backlog, recorded_on=dt.date(2026, 2, 1), metres=Decimal(1))


def test_quality_overview_queries_do_not_grow_with_units(client, org, procedures, make_system, leader_root):
    client.force_login(leader_root)
    _add_quality_units(org, make_system, 2)
    few = _count(client, reverse("quality:overview"))
    _add_quality_units(org, make_system, 6)
    assert _count(client, reverse("quality:overview")) == few


def test_records_overview_queries_do_not_grow_with_units(client, org, leader_root):
    client.force_login(leader_root)
    _add_records_units(org, 2)
    few = _count(client, reverse("records:overview") + "?year=2026")
    _add_records_units(org, 6)
    assert _count(client, reverse("records:overview") + "?year=2026") == few
