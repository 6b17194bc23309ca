"""Database routing: dashboards may read from a replica (docs/deployment.md).

`DATABASE_REPLICA_URL` adds the `replica` alias. Code that only reads figures runs inside
`reading_replica()` (or a view decorated with `use_replica`): its reads go to the replica, everything
else — writes, the session, permissions checked before the block — goes to `default`. Without the
alias nothing changes. A replica lags its primary by a moment: never use it for a read that must see a
write the same request just made.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings

REPLICA = "replica"
_reading_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("reading_replica", default=False)


def replica_alias() -> str:
    """The alias reads should use now: `replica` inside `reading_replica()` when it exists."""
    if _reading_replica.get() and REPLICA in settings.DATABASES:
        return REPLICA
    return "default"


@contextmanager
def reading_replica() -> Iterator[None]:
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


def use_replica(view):
    """A view whose reads (after authentication) go to the replica."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        with reading_replica():
            return view(*args, **kwargs)

    return wrapper


class ReplicaRouter:
    """Reads inside `reading_replica()` go to the replica; writes and migrations always to `default`."""

    def db_for_read(self, model, **hints) -> str | None:
        alias = replica_alias()
        return alias if alias != "default" else None

    def db_for_write(self, model, **hints) -> str | None:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        return db != REPLICA
