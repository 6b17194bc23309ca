"""History reads as Vietnamese sentences, with names and local times, only for those who work on the record."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.test import Client

from assignments import services


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def changed(make_assignment, officer_a, focal_point, org, today):
    assignment = make_assignment(deadline=today + dt.timedelta(days=5))
    services.assignment_reassign(assignment=assignment, lead_unit=org.b, by=focal_point)
    return assignment


@pytest.mark.django_db
def test_history_is_sentences_with_names(changed, focal_point):
    body = _client(focal_point).get(changed.get_absolute_url()).content.decode()
    section = body[body.index('id="history"') :]
    assert "Đổi «đơn vị chủ trì» từ Phòng Nội vụ thành Phòng Tư pháp." in section
    assert "đã tạo nhiệm vụ." in section
    for raw in ("lead_unit", "None", "→", "create", "update", ".Notification."):
        assert raw not in section, raw


@pytest.mark.django_db
def test_history_times_are_local(changed, focal_point):
    from django.utils import timezone

    entry = LogEntry.objects.filter(object_pk=str(changed.pk)).latest("timestamp")
    body = _client(focal_point).get(changed.get_absolute_url()).content.decode()
    assert timezone.localtime(entry.timestamp).strftime("%d/%m/%Y %H:%M") in body


@pytest.mark.django_db
def test_done_at_in_history_is_local(final_report, leader_root, focal_point):
    from django.utils import timezone

    services.progress_report_accept(report=final_report, reviewer=focal_point, note="")
    assignment = final_report.assignment
    assignment.refresh_from_db()
    body = _client(focal_point).get(assignment.get_absolute_url()).content.decode()
    section = body[body.index('id="history"') :]
    assert timezone.localtime(assignment.done_at).strftime("%d/%m/%Y %H:%M") in section
    assert "+00:00" not in section


@pytest.mark.django_db
def test_viewer_does_not_see_history(make_assignment, org, viewer_c):
    assignment = make_assignment(lead=org.c)
    response = _client(viewer_c).get(assignment.get_absolute_url())
    assert response.status_code == 200
    assert 'id="history"' not in response.content.decode()


@pytest.mark.django_db
def test_history_in_english(changed, focal_point):
    from django.conf import settings

    client = _client(focal_point)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(changed.get_absolute_url()).content.decode()
    section = body[body.index('id="history"') :]
    assert "Changed «lead unit» from Phòng Nội vụ to Phòng Tư pháp." in section
