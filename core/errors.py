"""The one error type for broken business rules (HackSoft's ApplicationError).

Views turn it into a form error or a message; the API turns it into
`{"message": ..., "extra": {...}}` with status 400.
"""

from typing import Any


class ApplicationError(Exception):
    def __init__(self, message: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = str(message)
        self.extra = extra or {}
