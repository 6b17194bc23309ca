from django import template

register = template.Library()


@register.filter
def change_rows(entry) -> list[tuple[str, str, str]]:
    """(field, before, after) of an audit-log entry. A filter, because `changes_dict.items` in a template
    looks up a field named "items" before it calls dict.items()."""
    rows = []
    for field, change in (entry.changes_dict or {}).items():
        before, after = (change + [None, None])[:2] if isinstance(change, list) else (None, change)
        rows.append((field, before, after))
    return rows
