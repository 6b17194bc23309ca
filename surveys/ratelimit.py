"""A per-address counter in the cache for the public form. Only a hash of the address is kept, for the window."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

from core.net import client_ip
from surveys.conf import rate_limit


def client_address(request) -> str:
    """The client's address behind trusted proxies only (settings.TRUSTED_PROXIES), so a flood cannot pick it."""
    return client_ip(request) or "unknown"


def _key(request, scope: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_address(request)}".encode()).hexdigest()[:32]
    return f"surveys:rate:{scope}:{digest}"


def allowed(request, scope: str = "public_form") -> bool:
    """True while the address has sent fewer answers than the limit in the window."""
    limit, _window = rate_limit()
    return int(cache.get(_key(request, scope), 0)) < limit


def hit(request, scope: str = "public_form") -> None:
    _limit, window = rate_limit()
    key = _key(request, scope)
    if cache.add(key, 1, timeout=window):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)
