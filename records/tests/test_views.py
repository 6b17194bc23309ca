import datetime as dt
from decimal import Decimal

from django.urls import reverse

from core.metrics import get_metric
from records.models import ArchiveBacklog, FileList, SortingProgress, WorkFile


def _progress(client, unit, day, metres):
    return client.post(
        reverse("records:unit", args=[unit.pk]) + "?year=2026",
        {"action": "progress", "recorded_on": day, "metres": metres},
    )


def test_home_affairs_records_sorting_progress_and_the_chart_moves(client, org, focal_point):
    ArchiveBacklog.objects.create(unit=org.c, total_metres=Decimal("20"))
    client.force_login(focal_point)  # Home Affairs focal point: the whole tree
    url = reverse("records:unit", args=[org.c.pk]) + "?year=2026"
    _progress(client, org.c, "10/03/2026", "4")
    first = client.get(url).context["chart"].points
    _progress(client, org.c, "10/06/2026", "6")
    chart = client.get(url).context["chart"]
    assert chart.points != first and len(chart.dots) == 2
    figures = client.get(url).context["figures"]
    assert (figures.sorted, figures.remaining, figures.sorted_this_year) == (10, 10, 10)
    # More than what remains is refused, nothing written.
    _progress(client, org.c, "10/07/2026", "11")
    assert SortingProgress.objects.count() == 2
    assert 'id="sorting-chart"' in client.get(url).content.decode()


def test_overview_counts_deposits_backlog_and_who_has_not_reported(client, org, focal_point):
    FileList.objects.create(unit=org.a, year=2026, approved_on=dt.date(2026, 1, 10), decision_number="01/QĐ")
    # Deadlines in 2026: one on time, one late, one overdue (today is after 2026).
    WorkFile.objects.create(
        unit=org.a, year=2025, code="1", title="A", ended_on=dt.date(2025, 3, 1), deposited_on=dt.date(2026, 2, 1)
    )
    WorkFile.objects.create(
        unit=org.a, year=2025, code="2", title="B", ended_on=dt.date(2025, 3, 1), deposited_on=dt.date(2026, 4, 1)
    )
    WorkFile.objects.create(unit=org.a, year=2025, code="3", title="C", ended_on=dt.date(2025, 3, 1))
    backlog = ArchiveBacklog.objects.create(unit=org.c, total_metres=Decimal("30"))
    SortingProgress.objects.create(backlog=backlog, recorded_on=dt.date(2025, 5, 1), metres=Decimal("5"))
    SortingProgress.objects.create(backlog=backlog, recorded_on=dt.date(2026, 5, 1), metres=Decimal("7"))
    client.force_login(focal_point)
    response = client.get(reverse("records:overview"), {"year": "2026"})
    rows = {r.unit.short_name: r for r in response.context["rows"]}
    a, c = rows["Phòng Nội vụ"], rows["UBND xã Tân Phú"]
    assert (a.due, a.on_time, a.overdue, a.reported) == (3, 1, 1, True)
    assert (c.backlog.remaining, c.backlog.sorted_this_year, c.reported) == (18, 7, True)
    assert not rows["Phòng Tư pháp"].reported
    assert "Phòng Tư pháp" in response.content.decode().split('id="not-reported"')[1]
    assert client.get(reverse("records:overview"), {"year": "abc"}).status_code == 200
    assert client.get(reverse("records:overview"), {"year": "2026", "export": "xlsx"}).status_code == 200

    metric = get_metric("records.deposit_on_time_rate").compute(org.root, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert (metric.numerator, metric.denominator) == (1, 3)
    metric = get_metric("records.backlog_sorted_rate").compute(org.root, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert metric.value == Decimal("0.4")


def test_outsiders_and_viewers_cannot_write(client, org, outsider, viewer_c):
    backlog = ArchiveBacklog.objects.create(unit=org.c, total_metres=Decimal("20"))
    client.force_login(outsider)
    assert client.get(reverse("records:unit", args=[org.c.pk])).status_code == 404
    assert _progress(client, org.c, "10/03/2026", "4").status_code == 404
    client.force_login(viewer_c)
    assert _progress(client, org.c, "10/03/2026", "4").status_code == 403
    assert (
        client.post(
            f"/api/v1/records/backlogs/{backlog.pk}/progress/", {"recorded_on": "2026-03-10", "metres": "4"}
        ).status_code
        == 400
    )
    assert SortingProgress.objects.count() == 0


def test_api_progress_and_overview(client, org, focal_point, outsider):
    backlog = ArchiveBacklog.objects.create(unit=org.c, total_metres=Decimal("20"))
    client.force_login(focal_point)
    response = client.post(
        f"/api/v1/records/backlogs/{backlog.pk}/progress/", {"recorded_on": "2026-03-10", "metres": "4"}
    )
    assert response.status_code == 201
    assert (
        client.post(f"/api/v1/records/backlogs/{backlog.pk}/progress/", {"recorded_on": "x", "metres": "4"}).status_code
        == 400
    )
    rows = client.get("/api/v1/records/overview/", {"year": 2026}).json()
    assert next(r for r in rows if r["unit"] == org.c.pk)["backlog_remaining"] == 16
    assert client.get("/api/v1/records/overview/", {"year": "x"}).status_code == 400
    assert client.get("/api/v1/records/overview/", {"year": "2026²"}).status_code == 400  # isdigit() but not int()
    client.force_login(outsider)
    assert client.get(f"/api/v1/records/backlogs/{backlog.pk}/").status_code == 404


def test_chart_coordinates_are_never_localised(client, org, focal_point):
    import re

    backlog = ArchiveBacklog.objects.create(unit=org.c, total_metres=Decimal("20.5"))
    SortingProgress.objects.create(backlog=backlog, recorded_on=dt.date(2026, 3, 1), metres=Decimal("3.25"))
    SortingProgress.objects.create(backlog=backlog, recorded_on=dt.date(2026, 5, 7), metres=Decimal("1.5"))
    client.force_login(focal_point)
    page = client.get(reverse("records:unit", args=[org.c.pk])).content.decode()
    svg = page.split('id="sorting-chart"')[1].split("</svg>")[0]
    for attribute in re.findall(r' (?:x|y|x1|x2|y1|y2|cx|cy)="([^"]*)"', svg):
        assert re.fullmatch(r"-?\d+(\.\d+)?", attribute), attribute
    points = re.search(r'points="([^"]*)"', svg).group(1)
    assert re.fullmatch(r"[\d.]+,[\d.]+( [\d.]+,[\d.]+)+", points)
    assert "4,75" in svg  # the labels are Vietnamese: 3,25 + 1,5 metres sorted


def test_a_unit_reporting_counts_instead_of_a_list(client, org, officer_a, focal_point):
    from records.models import WorkFileCount

    client.force_login(officer_a)
    url = reverse("records:unit", args=[org.a.pk]) + "?year=2026"
    client.post(url, {"action": "counts", "opened": "40", "closed": "30", "due": "20", "deposited_on_time": "25"})
    assert not WorkFileCount.objects.exists()  # more on time than due: refused
    client.post(url, {"action": "counts", "opened": "40", "closed": "30", "due": "20", "deposited_on_time": "15"})
    client.post(url, {"action": "counts", "opened": "x"})  # never a 500
    assert WorkFileCount.objects.get().due == 20

    client.force_login(focal_point)
    rows = {r.unit.pk: r for r in client.get(reverse("records:overview"), {"year": "2026"}).context["rows"]}
    assert (rows[org.a.pk].due, rows[org.a.pk].on_time, rows[org.a.pk].from_counts, rows[org.a.pk].reported) == (
        20,
        15,
        True,
        True,
    )
    metric = get_metric("records.deposit_on_time_rate").compute(org.root, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert (metric.numerator, metric.denominator) == (15, 20)
    # A listed file due in the year replaces the counts.
    WorkFile.objects.create(unit=org.a, year=2025, code="1", title="A", ended_on=dt.date(2025, 3, 1))
    metric = get_metric("records.deposit_on_time_rate").compute(org.root, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert (metric.numerator, metric.denominator) == (0, 1)


def test_file_list_document_is_served_behind_the_unit_check(client, org, officer_a, officer_b):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(officer_a)
    client.post(
        reverse("records:unit", args=[org.a.pk]) + "?year=2026",
        {
            "action": "file_list",
            "decision_number": "05/QĐ",
            "approved_on": "08/01/2026",
            "file": SimpleUploadedFile("dm.pdf", b"%PDF danh muc"),
        },
    )
    file_list = FileList.objects.get()
    assert file_list.approved_on == dt.date(2026, 1, 8)
    assert client.get(reverse("records:file_list_file", args=[file_list.pk])).status_code == 200
    client.force_login(officer_b)
    assert client.get(reverse("records:file_list_file", args=[file_list.pk])).status_code == 404


def test_overview_progress_bar_is_unlocalised_svg(client, org, focal_point):
    backlog = ArchiveBacklog.objects.create(unit=org.c, total_metres=Decimal("40"))
    SortingProgress.objects.create(backlog=backlog, recorded_on=dt.date(2025, 6, 1), metres=Decimal("10"))
    SortingProgress.objects.create(backlog=backlog, recorded_on=dt.date(2026, 6, 1), metres=Decimal("5"))
    client.force_login(focal_point)
    row = client.get(reverse("records:overview"), {"year": "2026"}).content.decode().split(f'id="unit-{org.c.pk}"')[1]
    assert '<rect width="25.0"' in row and '<rect x="25.0" width="12.5"' in row


def test_huge_counts_are_refused_with_a_message_not_a_500(client, org, officer_a):
    from records.models import WorkFileCount

    client.force_login(officer_a)
    url = reverse("records:unit", args=[org.a.pk]) + "?year=2026"
    huge = "9" * 25
    response = client.post(
        url, {"action": "counts", "opened": huge, "closed": huge, "due": huge, "deposited_on_time": "1"}
    )
    assert response.status_code == 302
    assert "Số liệu hồ sơ không hợp lệ" in client.get(url).content.decode()
    assert not WorkFileCount.objects.exists()
