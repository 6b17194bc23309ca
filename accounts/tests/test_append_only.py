"""The security event log is append-only in the database itself: raw SQL can neither change nor delete a row;
only the retention purge deletes, and only rows older than its cutoff (runs on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from freezegun import freeze_time

from accounts.append_only import purge_window
from accounts.models import SecurityEvent
from organizations.tests.factories import UserFactory

TABLE = SecurityEvent._meta.db_table


def _sql(statement: str, params=()) -> None:
    with transaction.atomic(), connection.cursor() as cursor:  # a failed statement must not break the test
        cursor.execute(statement, params)


def _old_event(days: int) -> SecurityEvent:
    with freeze_time(timezone.now() - dt.timedelta(days=days)):
        return SecurityEvent.objects.create(kind="login", username="old")


@pytest.mark.django_db
def test_raw_sql_cannot_change_or_delete_an_event():
    event = SecurityEvent.objects.create(kind="login_failed", username="mallory", detail={"a": 1})
    old = _old_event(1000)
    for statement, params in [
        (f"UPDATE {TABLE} SET username = %s WHERE id = %s", ["someone else", event.pk]),  # noqa: S608
        (f"UPDATE {TABLE} SET created_at = %s WHERE id = %s", [timezone.now() - dt.timedelta(days=999), event.pk]),  # noqa: S608
        (f"UPDATE {TABLE} SET kind = 'login'", []),  # noqa: S608
        (f"DELETE FROM {TABLE} WHERE id = %s", [event.pk]),  # noqa: S608
        (f"DELETE FROM {TABLE} WHERE id = %s", [old.pk]),  # old enough, but not the purge  # noqa: S608
        (f"DELETE FROM {TABLE}", []),  # noqa: S608
    ]:
        with pytest.raises(DatabaseError):
            _sql(statement, params)
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError):
            _sql(f"TRUNCATE {TABLE}")
    assert SecurityEvent.objects.count() == 2
    event.refresh_from_db()
    assert (event.username, event.kind, event.detail) == ("mallory", "login_failed", {"a": 1})


@pytest.mark.django_db
def test_the_retention_purge_deletes_only_rows_older_than_its_cutoff(settings):
    keep = settings.SECURITY_EVENT_RETENTION_DAYS
    recent = SecurityEvent.objects.create(kind="login", username="recent")
    _old_event(keep + 1)
    _old_event(keep + 30)
    call_command("purge_security_events")
    assert list(SecurityEvent.objects.values_list("pk", flat=True)) == [recent.pk]
    # Inside the purge's window the database still refuses younger rows and any update.
    with pytest.raises(DatabaseError), purge_window(timezone.now() - dt.timedelta(days=keep)):
        _sql(f"DELETE FROM {TABLE}")  # noqa: S608
    with pytest.raises(DatabaseError), purge_window(timezone.now()):
        _sql(f"UPDATE {TABLE} SET username = 'x'")  # noqa: S608
    assert SecurityEvent.objects.filter(pk=recent.pk, username="recent").exists()
    # The window closes with its transaction.
    _old_event(keep + 1)
    with pytest.raises(DatabaseError):
        _sql(f"DELETE FROM {TABLE} WHERE username = 'old'")  # noqa: S608


@pytest.mark.django_db
def test_deleting_a_user_keeps_their_events():
    user = UserFactory(username="leaving")
    SecurityEvent.objects.create(kind="login", user=user, username="leaving")
    user.delete()
    event = SecurityEvent.objects.get()
    assert (event.user_id, event.username) == (None, "leaving")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_flush_between_transactional_tests_empties_the_log():
    """Transactional tests (the browser tests) end with `flush`, which may empty the table. (Serialized
    rollback and no post_migrate, like the other transactional tests: the next one reloads the data.)"""
    SecurityEvent.objects.create(kind="login", username="x")
    # As TransactionTestCase calls it: sequences are kept (reset, PostgreSQL would hand out ids that the next
    # test's reloaded rows already use).
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False)
    assert not SecurityEvent.objects.exists()
