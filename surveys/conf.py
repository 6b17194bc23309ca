"""Survey settings, overridable in Django settings."""

from decimal import Decimal

from django.conf import settings


def rate_limit() -> tuple[int, int]:
    """(answers allowed, per seconds) from one client address on the public unit form."""
    return (
        int(getattr(settings, "SURVEY_PUBLIC_FORM_LIMIT", 5)),
        int(getattr(settings, "SURVEY_PUBLIC_FORM_WINDOW", 3600)),
    )


def sampling_margin() -> Decimal:
    """The default margin of error e of the sampling helper (n = N / (1 + N·e²))."""
    return Decimal(str(getattr(settings, "SURVEY_SAMPLING_MARGIN", "0.05")))


def questionnaire_code() -> str:
    return str(getattr(settings, "SURVEY_QUESTIONNAIRE", "sipas"))
