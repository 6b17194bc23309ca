"""A per-address counter in the cache for public forms and look-ups (surveys, portal).

Only a salted hash of the client address is kept, and only for the window. The address is
`core.net.client_ip` (X-Forwarded-For believed only from settings.TRUSTED_PROXIES), so a flood cannot pick it.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

from core.net import client_ip


def client_address(request) -> str:
    return client_ip(request) or "unknown"


def _key(request, scope: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_address(request)}".encode()).hexdigest()[:32]
    return f"rate:{scope}:{digest}"


def allowed(request, scope: str, *, limit: int) -> bool:
    """True while the address has made fewer than `limit` hits of `scope` in the current window."""
    return int(cache.get(_key(request, scope), 0)) < limit


def hit(request, scope: str, *, window: int) -> None:
    """Count one hit; the window starts at the first hit."""
    key = _key(request, scope)
    if cache.add(key, 1, timeout=window):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
