import datetime as dt
import io

import pytest
from django.core.management import call_command

from assignments.models import Assignment, Notification
from assignments.reminders import reminders_send

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 10, 5)  # no holidays nearby


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def do(on=MONDAY):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_send(on=on)

    return do


def test_due_soon_reminders_on_the_configured_working_days(run, make_assignment, officer_a, mailoutbox):
    seven = make_assignment(deadline=dt.date(2026, 10, 14), content="Bảy ngày làm việc")  # Wed, 7 working days
    one = make_assignment(deadline=dt.date(2026, 10, 6), content="Một ngày")
    make_assignment(deadline=dt.date(2026, 10, 8), content="Ba ngày")  # no reminder on that count
    summary = run()
    reminded = set(
        Notification.objects.filter(recipient=officer_a, kind="due_soon").values_list("assignment_id", flat=True)
    )
    assert reminded == {seven.pk, one.pk}
    assert summary.due_soon == 4  # officer_a and the focal point, both of Phòng Nội vụ
    subjects = [m.subject for m in mailoutbox]
    assert any("Còn 7 ngày làm việc" in s for s in subjects) and any("Còn 1 ngày làm việc" in s for s in subjects)


def test_nobody_gets_the_same_reminder_twice(run, make_assignment, officer_a, mailoutbox):
    make_assignment(deadline=dt.date(2026, 10, 6))
    first = run()
    count, mails = Notification.objects.count(), len(mailoutbox)
    second = run()
    assert Notification.objects.count() == count and len(mailoutbox) == mails
    assert second.due_soon == 0 and first.due_soon == 2


def test_working_days_skip_holidays(run, make_assignment, officer_a):
    # From Friday 28/08/2026: Monday 31/08, 1/09 and 2/09 are holidays, so 03/09 is 1 working day away.
    make_assignment(deadline=dt.date(2026, 9, 3))
    run(on=dt.date(2026, 8, 28))
    assert Notification.objects.filter(recipient=officer_a, kind="due_soon").count() == 1


def test_nothing_is_sent_on_a_holiday(run, make_assignment, officer_a):
    make_assignment(deadline=dt.date(2026, 9, 3))
    summary = run(on=dt.date(2026, 9, 2))
    assert not summary.working_day
    assert not Notification.objects.exclude(kind="assigned").exists()


def test_overdue_reminder_and_daily_digest(run, make_assignment, officer_a, mailoutbox):
    late = make_assignment(deadline=dt.date(2026, 10, 2), content="Việc trễ")  # Friday: 1 working day late
    summary = run()
    assert Notification.objects.get(recipient=officer_a, kind="overdue").assignment == late
    digest = Notification.objects.get(recipient=officer_a, kind="digest_daily")
    assert "Việc trễ" in digest.body and "quá hạn 3 ngày" in digest.body
    assert summary.overdue == 2 and summary.daily_digests == 2
    assert any("Nhắc việc ngày 05/10/2026" in m.subject for m in mailoutbox)


def test_escalation_to_leaders_when_overdue_work_stays_unchanged(
    run, make_assignment, org, officer_a, leader_root, settings
):
    settings.ASSIGNMENT_ESCALATE_AFTER_DAYS = 5
    stale = make_assignment(deadline=dt.date(2026, 9, 25), content="Việc bị bỏ quên")
    fresh = make_assignment(deadline=dt.date(2026, 9, 25), content="Việc mới cập nhật")
    Assignment.objects.filter(pk=stale.pk).update(updated_at=dt.datetime(2026, 9, 20, tzinfo=dt.UTC))
    Assignment.objects.filter(pk=fresh.pk).update(updated_at=dt.datetime(2026, 10, 2, tzinfo=dt.UTC))
    summary = run()
    # Phòng Nội vụ has no leader: the leader of the unit above is told.
    escalated = Notification.objects.filter(kind="escalation")
    assert [(n.recipient, n.assignment) for n in escalated] == [(leader_root, stale)]
    assert summary.escalations == 1
    assert run(on=dt.date(2026, 10, 6)).escalations == 0  # once per unchanged spell


def test_weekly_digest_to_leaders_of_units_with_overdue_work(run, make_assignment, org, leader_root, officer_a):
    make_assignment(deadline=dt.date(2026, 9, 30), content="Trễ một")
    make_assignment(org.b, deadline=dt.date(2026, 10, 1), content="Trễ hai")
    run()
    weekly = Notification.objects.get(kind="digest_weekly")
    assert weekly.recipient == leader_root and "Trễ một" in weekly.body and "Trễ hai" in weekly.body
    assert run(on=dt.date(2026, 10, 6)).weekly_digests == 0  # Tuesday


def test_command_and_task(make_assignment, officer_a):
    make_assignment(deadline=dt.date(2026, 10, 6))
    out = io.StringIO()
    call_command("send_reminders", "--date", "2026-10-05", stdout=out)
    assert "2 sắp đến hạn" in out.getvalue()
    call_command("send_reminders", "--date", "2026-09-02", stdout=out)
    assert "ngày nghỉ" in out.getvalue()

    from assignments.tasks import send_reminders_task

    assert send_reminders_task.call("2026-10-05")["due_soon"] == 0  # already sent by the command
    call_command("send_reminders", "--enqueue", stdout=out)
    assert "Đã đưa vào hàng đợi" in out.getvalue()


def test_reminder_emails_link_to_the_site(run, make_assignment, officer_a, mailoutbox, settings):
    settings.SITE_URL = "https://tiendo.example.gov.vn/"
    assignment = make_assignment(deadline=dt.date(2026, 10, 6), content="Có đường dẫn")
    run()
    mine = [m for m in mailoutbox if officer_a.email in m.to and "Có đường dẫn" in m.subject]
    assert mine and f"https://tiendo.example.gov.vn{assignment.get_absolute_url()}" in mine[0].body
