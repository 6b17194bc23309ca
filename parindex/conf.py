"""Provincial rules of the PAR Index app, overridable in settings."""

from django.conf import settings


def published_visible_to() -> str:
    """Who sees published results: "tree" (everyone in the tree, default) or "unit" (the assessed unit only)."""
    return getattr(settings, "PARINDEX_PUBLISHED_VISIBLE_TO", "tree")


EVIDENCE_EXTENSIONS = {"pdf", "docx", "doc", "xlsx", "xls", "png", "jpg", "jpeg"}
