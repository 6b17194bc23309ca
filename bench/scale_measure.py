"""Single-request timings, the figures-vs-GROUP BY ratio and the EXPLAIN of the main queries on the
`load_scale` dataset (issue 10). Run: DATABASE_URL=… .venv/bin/python -m bench.scale_measure [--explain] [--figures-only]
Timings are medians of a few runs in this process (no HTTP server): the cost of the view and its queries."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiendo.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "measure-only")
# The focal point's second factor is a cost of logging in, not of the pages (as in bench.scale_cpu).
os.environ.setdefault("MFA_REQUIRED_ROLES", "")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

# One connection for the whole run, as a server with DB_CONN_MAX_AGE keeps it (and the query capture needs it).
request_started.disconnect(close_old_connections)
request_finished.disconnect(close_old_connections)
request_started.disconnect(reset_queries)  # would empty the query log the capture counts

Q_START, Q_END = dt.date(2026, 7, 1), dt.date(2026, 9, 30)


def timed(fn, runs: int = 3, cold: bool = False) -> float:
    values = []
    for _ in range(runs):
        if cold:
            cache.clear()
        began = time.perf_counter()
        fn()
        values.append(time.perf_counter() - began)
    return statistics.median(values) * 1000


BASELINE = (
    "SELECT d.receiving_unit_id, count(*), "
    "count(*) FILTER (WHERE l.online_capable), "
    "count(*) FILTER (WHERE l.online_capable AND d.channel = 'online'), "
    "count(*) FILTER (WHERE d.channel = 'postal'), count(*) FILTER (WHERE d.postal_return), "
    "count(*) FILTER (WHERE d.completed_on IS NOT NULL), count(*) FILTER (WHERE d.completed_on <= d.due_on), "
    "count(*) FILTER (WHERE d.completed_on IS NULL AND d.due_on < %s) "
    "FROM onestop_dossier d JOIN onestop_procedure p ON p.id = d.procedure_id "
    "JOIN onestop_servicelevel l ON l.id = p.service_level_id "
    "WHERE d.received_on BETWEEN %s AND %s GROUP BY d.receiving_unit_id"
)


def main() -> None:
    from django.contrib.auth import get_user_model

    from assignments.models import Assignment
    from onestop.models import Dossier
    from onestop.selectors import onestop_figures
    from parindex.models import Assessment

    print(
        f"data: {Dossier.objects.count():,} dossiers, {Assignment.objects.count():,} assignments, "
        f"{Assessment.objects.count():,} assessments; load average {os.getloadavg()[0]:.1f}"
    )

    def base() -> None:
        with connection.cursor() as cursor:
            cursor.execute(BASELINE, [Q_END, Q_START, Q_END])
            cursor.fetchall()

    # Alternated, so that both see the same moments of a shared machine: median of five each.
    cold_runs, base_runs = [], []
    for _ in range(5):
        cold_runs.append(timed(lambda: onestop_figures(start=Q_START, end=Q_END), runs=1, cold=True))
        base_runs.append(timed(base, runs=1))
    figures_cold, baseline = statistics.median(cold_runs), statistics.median(base_runs)
    onestop_figures(start=Q_START, end=Q_END)
    figures_warm = timed(lambda: onestop_figures(start=Q_START, end=Q_END), runs=5)
    year_cold = timed(lambda: onestop_figures(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31)), cold=True)
    print(f"quarter figures, whole tree, computed   {figures_cold:8.0f} ms")
    print(f"hand-written GROUP BY (same quarter)    {baseline:8.0f} ms   ratio {figures_cold / baseline:.2f}")
    print(f"quarter figures, cached                 {figures_warm:8.1f} ms")
    print(f"year figures, whole tree, computed      {year_cold:8.0f} ms")

    if "--figures-only" in sys.argv:
        return
    users = get_user_model().objects.in_bulk(["scale.focal", "scale.leader", "scale.officer.0"], field_name="username")
    focal, officer = Client(), Client()
    focal.force_login(users["scale.focal"])
    officer.force_login(users["scale.officer.0"])
    assessment = Assessment.objects.filter(criteria_set__name="Bộ chỉ số thử tải").order_by("pk").first()
    pages = [
        ("one-stop dashboard, quarter", focal, "/mot-cua/?period=2026-Q3"),
        ("one-stop dashboard, year", focal, "/mot-cua/?period=2026"),
        ("one-stop period report, quarter", focal, "/mot-cua/bao-cao/?period=2026-Q3"),
        ("oversight dashboard", focal, "/nhiem-vu/theo-doi/"),
        ("oversight dashboard, page 5", focal, "/nhiem-vu/theo-doi/?overdue_page=5"),
        ("inbox (focal point)", focal, "/nhiem-vu/"),
        ("inbox (officer)", officer, "/nhiem-vu/"),
        ("draft assessment", focal, f"/chi-so-cchc/danh-gia/{assessment.pk}/" if assessment else "/"),
        ("PAR ranking", focal, f"/chi-so-cchc/bo/{assessment.criteria_set_id}/xep-hang/" if assessment else "/"),
        ("API dossiers, page 1", focal, "/api/v1/onestop/dossiers/"),
        ("API dossiers, page 20", focal, "/api/v1/onestop/dossiers/?page=20"),
        ("API figures, quarter", focal, "/api/v1/onestop/figures/?from=2026-07-01&to=2026-09-30"),
        ("API assessments", focal, "/api/v1/parindex/assessments/"),
        ("API assignments", focal, "/api/v1/assignments/assignments/"),
    ]
    print(f"\n{'page':<34}{'status':>7}{'queries':>8}{'cold ms':>9}{'warm ms':>9}{'KB':>7}")
    for label, client, url in pages:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = client.get(url)
            cold = (time.perf_counter() - began) * 1000
        queries = len(captured.captured_queries)
        warm = timed(lambda c=client, u=url: c.get(u))
        size = len(response.content) / 1024 if not response.streaming else 0
        print(f"{label:<34}{response.status_code:>7}{queries:>8}{cold:>9.0f}{warm:>9.0f}{size:>7.0f}")

    if "--explain" in sys.argv and connection.vendor == "postgresql":
        explain(focal)


def explain(client: Client) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of the heaviest query behind each main page."""
    wanted = [
        (
            "one-stop figures, quarter (per unit)",
            "/mot-cua/?period=2026-Q3",
            'SELECT "onestop_dossier"."receiving_unit_id", COUNT(',
        ),
        ("oversight: overdue page (ids)", "/nhiem-vu/theo-doi/", 'ORDER BY "assignments_assignment"."deadline" ASC'),
        ("oversight: counts by status", "/nhiem-vu/theo-doi/", 'AS "n"'),
        ("API dossiers: capped count", "/api/v1/onestop/dossiers/", "COUNT(*)"),
        ("API dossiers: page", "/api/v1/onestop/dossiers/", "LIMIT 50"),
    ]
    for label, url, marker in wanted:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        sql = next((q["sql"] for q in captured.captured_queries if marker in q["sql"]), None)
        if sql is None:
            print(f"\n-- {label}: query not found")
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        print(f"\n-- {label}\n{plan}")


if __name__ == "__main__":
    main()
