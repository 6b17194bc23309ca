"""Generations of data, for caches that must follow imports.

Figures that change only when data is imported are computed once per generation and cached under a key
that names it: `bump(key)` in the same transaction as the write makes every older entry unreachable
(on every web node, whatever the cache backend), and a rolled-back import bumps nothing.

    key = f"onestop:figures:{generations.current('onestop')}:{start}:{end}"
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db.models import F

from core.models import Generation

T = TypeVar("T")


def current(key: str) -> int:
    value = Generation.objects.filter(key=key).values_list("value", flat=True).first()
    return value or 0


def bump(key: str) -> None:
    """Start a new generation of `key` (call it inside the transaction that changes the data)."""
    if not Generation.objects.filter(key=key).update(value=F("value") + 1):
        _row, created = Generation.objects.get_or_create(key=key, defaults={"value": 1})
        if not created:
            Generation.objects.filter(key=key).update(value=F("value") + 1)


def digest(values: Iterable[Any] | None) -> str:
    """A short, stable name for a set of ids (None = all)."""
    if values is None:
        return "all"
    text = ",".join(str(v) for v in sorted(values))
    return hashlib.blake2b(text.encode(), digest_size=10).hexdigest()


def cached(key: str, parts: Iterable[Any], compute: Callable[[], T], *, timeout: int | None = None) -> T:
    """`compute()` once per generation of `key` and `parts` (anything with a stable str())."""
    cache_key = ":".join([key, str(current(key)), *(str(part) for part in parts)])
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        if timeout is None:
            cache.set(cache_key, value)  # the backend's TIMEOUT (CACHE_TIMEOUT)
        else:
            cache.set(cache_key, value, timeout)
    return value
