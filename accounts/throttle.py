"""Per-account login delay: after a few failures each further attempt on that account waits a growing,
bounded delay. Unlike a lock, it cannot keep the owner out for longer than the delay."""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.utils import timezone

from accounts.models import SecurityEvent


def account_delay(username: str, *, now: dt.datetime | None = None) -> int:
    """Seconds before the next password attempt for `username` is considered (0: now)."""
    if not username:
        return 0
    now = now or timezone.now()
    since = now - dt.timedelta(minutes=settings.LOGIN_ACCOUNT_WINDOW_MINUTES)
    events = SecurityEvent.objects.filter(username__iexact=username, created_at__gte=since)
    last_login = (
        events.filter(kind=SecurityEvent.Kind.LOGIN)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    failures = events.filter(kind=SecurityEvent.Kind.LOGIN_FAILED)
    if last_login is not None:
        failures = failures.filter(created_at__gt=last_login)
    count = failures.count()
    free = settings.LOGIN_ACCOUNT_FREE_FAILURES
    if count < free:
        return 0
    delay = min(settings.LOGIN_ACCOUNT_MAX_DELAY_SECONDS, 5 * 2 ** (count - free))
    last = failures.order_by("-created_at").values_list("created_at", flat=True).first()
    remaining = (last + dt.timedelta(seconds=delay) - now).total_seconds()
    return max(0, math.ceil(remaining))
