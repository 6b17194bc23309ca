"""Public pages are cached whole: they hold no per-user data. The key names the generations of the news
("portal", bumped by every article write) and of the one-stop data, so publishing shows at once; Django's
page cache adds the language and the full address (host included) to the key."""

from __future__ import annotations

from functools import wraps

from django.views.decorators.cache import cache_page

from core import generations
from portal.conf import cache_seconds


def public_page(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        prefix = f"portal:{generations.current('portal')}:{generations.current('onestop')}"
        response = cache_page(cache_seconds(), key_prefix=prefix)(view)(request, *args, **kwargs)
        # The server keeps the page; browsers ask again each time (cheap: it comes from the cache), so a
        # published article shows at once. A signed-in user still gets no-store (core middleware).
        response["Cache-Control"] = "public, no-cache"
        if "Expires" in response:
            del response["Expires"]
        return response

    return wrapped
