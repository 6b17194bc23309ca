"""The security event log is append-only in the database too, not only in the ORM (migration
0003_security_events_append_only_in_db): triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL).

Two ways through, both run by our own code:
- the retention purge (`purge_window`) deletes rows older than a cutoff: on PostgreSQL it sets the
  transaction-local `tiendo.security_event_purge_before`; on SQLite the trigger asks a function registered on
  each of our connections (a raw `sqlite3` shell has no such function, so every delete there is refused);
- deleting a user sets `user_id` to NULL on their events (the user name stays): the one UPDATE allowed.
- `manage.py flush` (tests between transactional cases, an administrator emptying a database) empties the table.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction
from django.utils import timezone

_state = threading.local()
SQLITE_FUNCTION = "tiendo_security_event_deletable"


def _sqlite_deletable(created_at: str | None) -> int:
    if getattr(_state, "flush", False):
        return 1
    before = getattr(_state, "purge_before", None)
    if before is None or not created_at:
        return 0
    stored = dt.datetime.fromisoformat(created_at)
    if stored.tzinfo is None:  # Django stores UTC without an offset on SQLite
        stored = stored.replace(tzinfo=dt.UTC)
    return int(stored < before)


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """connection_created receiver: the function the SQLite delete trigger calls."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, _sqlite_deletable)


@contextmanager
def purge_window(before: dt.datetime) -> Iterator[None]:
    """Inside this block (one transaction), events created before `before` may be deleted."""
    if timezone.is_naive(before):
        before = timezone.make_aware(before)
    postgres = connection.vendor == "postgresql"
    with transaction.atomic():
        if postgres:
            _set_local(before.isoformat())
        _state.purge_before = before
        try:
            yield
        finally:
            _state.purge_before = None
        # Closed before the block ends, not at commit: the caller's transaction may go on (a rolled-back
        # block reverts the setting by itself).
        if postgres:
            _set_local("")


def _set_local(value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('tiendo.security_event_purge_before', %s, true)", [value])


@contextmanager
def flush_window(using_connection) -> Iterator[None]:
    """`manage.py flush` empties every table, this one too."""
    _state.flush = True
    postgres = using_connection.vendor == "postgresql"
    try:
        if postgres:
            with using_connection.cursor() as cursor:
                cursor.execute("SELECT set_config('tiendo.security_event_flush', 'on', false)")
        yield
    finally:
        _state.flush = False
        if postgres:
            with using_connection.cursor() as cursor:
                cursor.execute("SELECT set_config('tiendo.security_event_flush', '', false)")
