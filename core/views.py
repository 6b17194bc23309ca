from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.db import connection
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
