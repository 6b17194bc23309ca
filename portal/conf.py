"""Portal settings, overridable in Django settings (see docs/public.md)."""

from django.conf import settings


def public_host() -> str:
    """A host name served the public site at "/" (e.g. congkhai.example.gov.vn); empty: only /cong-khai/."""
    return str(getattr(settings, "PUBLIC_HOST", "") or "").lower()


def root_unit_code() -> str:
    """The unit whose site this is (its tree's figures and directives); empty: every unit."""
    return str(getattr(settings, "PORTAL_ROOT_UNIT", "") or "")


def cache_seconds() -> int:
    return int(getattr(settings, "PORTAL_CACHE_SECONDS", 300))


def lookup_limit() -> tuple[int, int]:
    """(look-ups allowed, per seconds) from one client address."""
    return int(getattr(settings, "PORTAL_LOOKUP_LIMIT", 20)), int(getattr(settings, "PORTAL_LOOKUP_WINDOW", 600))


def image_max_mb() -> int:
    return int(getattr(settings, "PORTAL_IMAGE_MAX_MB", 5))
