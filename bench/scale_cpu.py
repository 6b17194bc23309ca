"""CPU cost per request of every page and API endpoint of the load test (issue 10), as the users it logs in as.

Run on the `load_scale` dataset: DATABASE_URL=… .venv/bin/python -m bench.scale_cpu [--runs N] [--profile LABEL]

Wall-clock times on a shared machine say more about the neighbours than about the code; CPU time does not.
For each page this prints the median over N warm requests (the figures cached, as in a steady load test) of:
- **py ms** — CPU of this process (`time.process_time()`): the middleware, the view, the template;
- **pg ms** — CPU of the PostgreSQL backend serving this process's connection (utime + stime from
  /proc/<pid>/stat, 10 ms ticks: hence a mean over the runs, not a median);
- the number of queries and the size of the response.
`--profile LABEL` (a label or part of one) prints cProfile's top functions for that page instead.
The requests go through the whole middleware stack (sessions, CSRF, axes, prometheus, the account policy)
with DEBUG=0, as under gunicorn. The second factor of the focal point is not asked (MFA_REQUIRED_ROLES empty):
it is a cost of logging in, not of the pages.
"""

from __future__ import annotations

import logging
import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiendo.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "measure-only")
os.environ.setdefault("MFA_REQUIRED_ROLES", "")
os.environ.setdefault("DB_CONN_MAX_AGE", "600")

import django  # noqa: E402

django.setup()

from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402

logging.disable(logging.INFO)  # the login events of the set-up

# One connection for the whole run (a server with DB_CONN_MAX_AGE keeps it), so its backend's CPU can be read.
request_started.disconnect(close_old_connections)
request_finished.disconnect(close_old_connections)
request_started.disconnect(reset_queries)

TICK = os.sysconf("SC_CLK_TCK")


def backend_cpu_ms() -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:  # PostgreSQL on another host
        return 0.0
    return (int(fields[11]) + int(fields[12])) * 1000 / TICK


def login(username: str) -> Client:
    from django.contrib.auth import get_user_model

    client = Client(HTTP_USER_AGENT="bench")
    client.force_login(get_user_model().objects.get(username=username))
    client.get("/")  # starts the session clocks (the account policy), as a real login does
    return client


def pages() -> list[tuple[str, str, object]]:
    """(label, username, url or callable returning one) — the requests of bench/locustfile.py."""
    import re

    from parindex.models import Assessment

    assessment = Assessment.objects.filter(criteria_set__name="Bộ chỉ số thử tải").order_by("pk").first()
    assessments = list(
        Assessment.objects.filter(criteria_set__name="Bộ chỉ số thử tải").values_list("pk", flat=True)[:50]
    )
    officer = login("scale.officer.0")
    links = re.findall(r'href="/nhiem-vu/(\d+)/"', officer.get("/nhiem-vu/").content.decode())[:20] or ["0"]
    rng = random.Random(10)
    quarter = lambda: f"/mot-cua/?period=2026-Q{rng.randint(1, 4)}"  # noqa: E731
    return [
        ("trivial: account page (officer)", "scale.officer.0", "/tai-khoan/"),
        ("home (officer)", "scale.officer.0", "/"),
        ("home (leader)", "scale.leader", "/"),
        ("inbox (officer)", "scale.officer.0", "/nhiem-vu/"),
        ("inbox (focal point)", "scale.focal", "/nhiem-vu/"),
        ("assignment (officer)", "scale.officer.0", lambda: f"/nhiem-vu/{rng.choice(links)}/"),
        ("notifications (officer)", "scale.officer.0", "/nhiem-vu/thong-bao/"),
        ("one-stop quarter (officer)", "scale.officer.0", quarter),
        ("one-stop quarter (leader)", "scale.leader", quarter),
        ("one-stop year (leader)", "scale.leader", "/mot-cua/?period=2026"),
        ("period report (focal)", "scale.focal", lambda: f"/mot-cua/bao-cao/?period=2026-Q{rng.randint(1, 4)}"),
        ("oversight (leader)", "scale.leader", "/nhiem-vu/theo-doi/"),
        ("oversight (focal)", "scale.focal", "/nhiem-vu/theo-doi/"),
        (
            "oversight overdue page (focal)",
            "scale.focal",
            lambda: f"/nhiem-vu/theo-doi/?overdue_page={rng.randint(2, 10)}",
        ),
        ("oversight unit table (htmx, leader)", "scale.leader", "/nhiem-vu/theo-doi/?units=1"),
        ("PAR ranking (leader)", "scale.leader", f"/chi-so-cchc/bo/{assessment.criteria_set_id}/xep-hang/"),
        ("assessment (focal)", "scale.focal", lambda: f"/chi-so-cchc/danh-gia/{rng.choice(assessments)}/"),
        ("API dossiers (focal)", "scale.focal", lambda: f"/api/v1/onestop/dossiers/?page={rng.randint(1, 20)}"),
        ("API figures (focal)", "scale.focal", lambda: _api_figures(rng)),
        ("API assessments (focal)", "scale.focal", "/api/v1/parindex/assessments/"),
        ("API assignments (focal)", "scale.focal", "/api/v1/assignments/assignments/"),
    ]


def _api_figures(rng: random.Random) -> str:
    start, end = [("01-01", "03-31"), ("04-01", "06-30"), ("07-01", "09-30"), ("10-01", "12-31")][rng.randrange(4)]
    return f"/api/v1/onestop/figures/?from=2026-{start}&to=2026-{end}"


def main() -> None:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 8
    wanted = sys.argv[sys.argv.index("--profile") + 1] if "--profile" in sys.argv else None
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    clients: dict[str, Client] = {}
    print(f"{'page':<34}{'status':>7}{'queries':>8}{'py ms':>8}{'pg ms':>8}{'total':>8}{'KB':>6}")
    for label, username, url in pages():
        if (wanted and wanted not in label) or (only and only not in label):
            continue
        client = clients.get(username) or clients.setdefault(username, login(username))
        target = url if callable(url) else (lambda u=url: u)
        if "(htmx" in label:  # a fragment htmx asks for
            client = Client(HTTP_USER_AGENT="bench", HTTP_HX_REQUEST="true")
            client.cookies = clients[username].cookies
        for _ in range(3):  # warm: the figures cached, the templates compiled
            client.get(target())
        if wanted:
            profile(client, target, runs)
            return
        py, pg_total, statuses = [], 0.0, set()
        queries: list[str] = []

        def count(execute, sql, *args, queries=queries):
            queries.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(count):
            response = client.get(target())
        for _ in range(runs):
            address = target()
            pg_before = backend_cpu_ms()
            began = time.process_time()
            response = client.get(address)
            py.append((time.process_time() - began) * 1000)
            pg_total += backend_cpu_ms() - pg_before
            statuses.add(response.status_code)
        size = len(response.content) / 1024 if not response.streaming else 0
        py_ms, pg_ms = statistics.median(py), pg_total / runs
        status = "/".join(str(s) for s in sorted(statuses))
        print(f"{label:<34}{status:>7}{len(queries):>8}{py_ms:>8.1f}{pg_ms:>8.1f}{py_ms + pg_ms:>8.1f}{size:>6.0f}")


def profile(client: Client, target, runs: int) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        client.get(target())
    profiler.disable()
    if os.environ.get("PROFILE_OUT"):
        profiler.dump_stats(os.environ["PROFILE_OUT"])
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
