"""The public form's per-address limit, through the shared counter in `core.ratelimit`."""

from __future__ import annotations

from core import ratelimit
from core.ratelimit import client_address  # noqa: F401 - kept for callers of surveys.ratelimit
from surveys.conf import rate_limit


def allowed(request, scope: str = "public_form") -> bool:
    """True while the address has sent fewer answers than the limit in the window."""
    limit, _window = rate_limit()
    return ratelimit.allowed(request, f"surveys:{scope}", limit=limit)


def hit(request, scope: str = "public_form") -> None:
    _limit, window = rate_limit()
    ratelimit.hit(request, f"surveys:{scope}", window=window)
