"""The daily-job registry (`core.jobs`) and `manage.py daily`: every app's daily work from one cron line."""

import datetime as dt
import logging
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone
from freezegun import freeze_time

from accounts.models import SecurityEvent
from core import jobs
from organizations.tests.factories import UserFactory

EXPECTED = {
    "assignments.reminders",
    "reports.remind",
    "accounts.disable_inactive",
    "accounts.purge_security_events",
    "core.purge_imports",
}


@pytest.fixture
def registry():
    """The registry as the apps left it, restored after the test whatever it registered."""
    saved = dict(jobs._REGISTRY)
    yield jobs
    jobs._REGISTRY.clear()
    jobs._REGISTRY.update(saved)


def test_the_apps_register_their_daily_work():
    assert {job.name for job in jobs.daily_jobs()} >= EXPECTED
    # The old commands stay for those who call them one by one.
    from django.core.management import get_commands

    assert {"send_reminders", "purge_imports", "disable_inactive_accounts", "purge_security_events"} <= set(
        get_commands()
    )


@pytest.mark.django_db
def test_daily_runs_every_registered_job(settings):
    idle = UserFactory(username="idle")
    get_user_model().objects.filter(pk=idle.pk).update(last_login=timezone.now() - dt.timedelta(days=60))
    # Security events are append-only in the database: an old one is created in the past, not back-dated.
    with freeze_time(timezone.now() - dt.timedelta(days=settings.SECURITY_EVENT_RETENTION_DAYS + 1)):
        old = SecurityEvent.objects.create(kind="login", username="idle")
    out = StringIO()
    call_command("daily", "--date", "2026-12-07", stdout=out)  # a Monday
    lines = out.getvalue().splitlines()
    ran = {line.split()[1].rstrip(":") for line in lines if line.startswith("OK ")}
    assert ran == {job.name for job in jobs.daily_jobs()}
    assert not get_user_model().objects.get(pk=idle.pk).is_active
    assert not SecurityEvent.objects.filter(pk=old.pk).exists()
    assert '"working_day": true' in out.getvalue()
    assert lines[-1] == f"2026-12-07: {len(jobs.daily_jobs())} việc đã chạy."


@pytest.mark.django_db
def test_a_failing_job_does_not_stop_the_others(registry, caplog):
    def broken(on):
        UserFactory(username="rolled-back")  # written, then undone with the job's transaction
        raise RuntimeError("no answer from the mail server")

    def after(on):
        UserFactory(username="kept")
        return {"on": on.isoformat()}

    registry._REGISTRY.clear()
    registry.register_daily_job("test.broken", broken, order=1)
    registry.register_daily_job("test.after", after, order=2)
    out = StringIO()
    with caplog.at_level(logging.ERROR, logger="tiendo.jobs"), pytest.raises(CommandError, match="test.broken"):
        call_command("daily", "--date", "2026-12-07", stdout=out)
    assert "LỖI test.broken: RuntimeError: no answer from the mail server" in out.getvalue()
    assert 'OK   test.after: {"on": "2026-12-07"}' in out.getvalue()
    names = set(get_user_model().objects.values_list("username", flat=True))
    assert "kept" in names and "rolled-back" not in names
    assert any(r.message == "daily job test.broken failed" and r.exc_info for r in caplog.records)


@pytest.mark.django_db
def test_only_runs_the_named_jobs_and_refuses_unknown_names(registry):
    calls = []
    registry._REGISTRY.clear()
    registry.register_daily_job("test.one", lambda on: calls.append("one"))
    registry.register_daily_job("test.two", lambda on: calls.append("two"))
    call_command("daily", "--only", "test.two", stdout=StringIO())
    assert calls == ["two"]
    with pytest.raises(CommandError, match="test.three"):
        call_command("daily", "--only", "test.three", stdout=StringIO())
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("daily", "--date", "07/12/2026", stdout=StringIO())
