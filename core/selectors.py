from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType


def audit_history(obj, limit: int = 50):
    """The audit-trail entries of one record, newest first, for `templates/core/_history.html`."""
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)
    ).select_related("actor")[:limit]
