"""The provinces' rules for assignments, as settings (one place, with defaults).

Override any of them in the settings module; nothing else reads these names.
"""

from django.conf import settings


def max_extensions() -> int:
    """How many extensions one assignment may get."""
    return int(getattr(settings, "ASSIGNMENT_MAX_EXTENSIONS", 1))


def require_explanation_late() -> bool:
    """Work reported after its deadline needs a written explanation (giải trình) before acceptance."""
    return bool(getattr(settings, "ASSIGNMENT_REQUIRE_EXPLANATION_LATE", True))


def reminder_days_before() -> list[int]:
    """Working days before the deadline on which the lead unit is reminded."""
    return sorted({int(d) for d in getattr(settings, "ASSIGNMENT_REMINDER_DAYS_BEFORE", [7, 1])}, reverse=True)


def reminder_days_after() -> list[int]:
    """Working days after the deadline on which the lead unit is reminded again (0 = the day after)."""
    return sorted({int(d) for d in getattr(settings, "ASSIGNMENT_REMINDER_DAYS_AFTER", [1, 5])})


def escalate_after_days() -> int:
    """Working days an overdue assignment may stay unchanged before its unit's leaders are told."""
    return int(getattr(settings, "ASSIGNMENT_ESCALATE_AFTER_DAYS", 5))


def weekly_digest_weekday() -> int:
    """Weekday (0 = Monday) on which leaders get the weekly digest of overdue work."""
    return int(getattr(settings, "ASSIGNMENT_WEEKLY_DIGEST_WEEKDAY", 0))


def upload_max_mb() -> int:
    return int(getattr(settings, "UPLOAD_MAX_MB", 20))


ALLOWED_EXTENSIONS_DEFAULT = (
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".txt", ".jpg", ".jpeg", ".png", ".zip", ".rar",
)  # fmt: skip


def allowed_extensions() -> tuple[str, ...]:
    return tuple(getattr(settings, "ASSIGNMENT_ALLOWED_EXTENSIONS", ALLOWED_EXTENSIONS_DEFAULT))
