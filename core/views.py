import hmac
import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import connection, connections
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from core.home import home_sections


@never_cache
def healthz(request):
    """Liveness and database check for load balancers: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": str(exc.__class__.__name__)}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


@never_cache
def readyz(request):
    """Readiness for the load balancer: 200 when every database alias (primary and replica) and the cache
    answer; 503 otherwise, so the balancer stops sending users to this node until they do."""
    checks: dict[str, str] = {}
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            checks[f"database:{alias}"] = "ok"
        except Exception as exc:  # any failure means "not ready"
            checks[f"database:{alias}"] = exc.__class__.__name__
    key, value = "readyz:probe", uuid.uuid4().hex
    try:
        cache.set(key, value, 30)
        checks["cache"] = "ok" if cache.get(key) == value else "unreadable"
    except Exception as exc:
        checks["cache"] = exc.__class__.__name__
    ready = all(state == "ok" for state in checks.values())
    return JsonResponse({"status": "ok" if ready else "error", "checks": checks}, status=200 if ready else 503)


@never_cache
def metrics(request):
    """Prometheus metrics for the addresses in METRICS_ALLOWED_IPS or a request bearing METRICS_TOKEN;
    anyone else gets a 404 (the endpoint is not advertised)."""
    from django_prometheus.exports import ExportToDjangoView

    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    allowed = request.META.get("REMOTE_ADDR") in settings.METRICS_ALLOWED_IPS or (
        bool(token) and hmac.compare_digest(header.encode(), f"Bearer {token}".encode())
    )
    if not allowed:
        raise Http404
    return ExportToDjangoView(request)


@login_required
def home(request):
    """ "Việc của tôi": what is due, overdue, awaiting the user's report or decision, unread, and (for those who
    manage units) the tree's red flags; each app contributes its sections (`core.home`)."""
    from organizations.permissions import memberships_of

    return render(
        request,
        "core/home.html",
        {
            "memberships": memberships_of(request.user),
            "sections": home_sections(request.user, timezone.localdate()),
        },
    )


def favicon(request):
    """`/favicon.ico`, which browsers ask for whatever the page says: the icon file itself, cached a day."""
    path = finders.find("tiendo/favicon.ico")
    if not path:
        raise Http404
    response = FileResponse(open(path, "rb"), content_type="image/x-icon")  # noqa: SIM115 (closed by Django)
    response["Cache-Control"] = "public, max-age=86400"
    return response
