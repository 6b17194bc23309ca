"""Record a security event: one row in accounts.SecurityEvent and one line on the `tiendo.security` logger."""

from __future__ import annotations

import contextvars
import ipaddress
import logging
from typing import Any

from accounts.models import SecurityEvent
from core.net import client_ip

logger = logging.getLogger("tiendo.security")
# The request being served (set by accounts.middleware), so that events recorded deep in a service
# (an import, an export) still carry the user's address and path.
current_request: contextvars.ContextVar = contextvars.ContextVar("tiendo_current_request", default=None)


def record(kind: str, *, request=None, user=None, username: str = "", **detail: Any) -> SecurityEvent:
    if request is None:
        request = current_request.get()
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    if user is not None and not username:
        username = user.get_username()
    ip = client_ip(request) if request is not None else None
    try:
        ip = str(ipaddress.ip_address(ip)) if ip else None
    except ValueError:
        ip = None
    path = request.path[:500] if request is not None else ""
    event = SecurityEvent.objects.create(
        kind=kind, user=user, username=username[:150], ip=ip or None, path=path, detail=detail
    )
    logger.info(
        "security event %s user=%s ip=%s path=%s",
        kind,
        username or "-",
        ip or "-",
        path or "-",
        extra={"event": kind, "username": username, "ip": ip, "path": path, "detail": detail},
    )
    return event


def record_import(*, user=None, filename: str, kind: str = "", summary: Any = "", source: str = "web") -> None:
    """An import finished: who, which file, what it did (the service's summary carries the counts)."""
    record(
        SecurityEvent.Kind.IMPORT,
        user=user if getattr(user, "is_authenticated", False) else None,
        username="" if getattr(user, "is_authenticated", False) else source,
        filename=str(filename)[:255],
        data=kind,
        summary=str(summary)[:1000],
        source=source,
    )
