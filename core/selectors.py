from core.history import HistoryEntry, history_of


def audit_history(obj, *, allowed: bool, limit: int = 50) -> list[HistoryEntry] | None:
    """The record's history as sentences for `templates/core/_history.html`, newest first; None (the section is
    not shown) when the user may not read it (`organizations.permissions.may_see_history`)."""
    return history_of(obj, limit=limit) if allowed else None
