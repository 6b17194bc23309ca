"""Vietnamese slugs: ASCII, no diacritics, "đ" → "d" ("Đổi mới công tác" → "doi-moi-cong-tac")."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.text import slugify

from core.text import strip_diacritics

MAX_LENGTH = 180


def vietnamese_slug(text: str) -> str:
    slug = slugify(strip_diacritics(text or ""))[:MAX_LENGTH].strip("-")
    return slug or "bai-viet"


def unique_slug(text: str, taken: Callable[[str], bool]) -> str:
    """The slug of `text`, with -2, -3 … when `taken(slug)`."""
    base = vietnamese_slug(text)
    slug, n = base, 2
    while taken(slug):
        slug, n = f"{base}-{n}", n + 1
    return slug
