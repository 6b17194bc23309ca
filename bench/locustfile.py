"""Load test of issue 10 (`make loadtest`): officials of a province at work on the `make serve` stack.

Needs the dataset of `python manage.py load_scale` (its logins). Three kinds of users with a think time of
1–3 s: commune officers (inbox, an assignment, notifications, their unit's one-stop figures), leaders (home,
oversight dashboard, the quarter's figures, the PAR ranking) and PAR focal points (oversight, one-stop
figures and report, an assessment, and the API: dossiers, figures, assessments, assignments).
Every request is named after its page, so the statistics come out per page.

Logging in hashes a password (0.3–1 s of CPU): `bench/loadtest.sh` spawns one user a second and resets the
statistics once all are running (`--reset-stats`), so the table measures the steady state of pages, not 50
logins at once. The focal point's second factor is not asked (the server runs with MFA_REQUIRED_ROLES empty):
a user who meets it anyway stops with a clear failure instead of measuring the enrolment page.
"""

from __future__ import annotations

import itertools
import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("SCALE_PASSWORD", "TienDo@2026")
OFFICERS = int(os.environ.get("SCALE_OFFICERS", "20"))
YEAR = os.environ.get("SCALE_YEAR", "2026")
_officer_numbers = itertools.count()
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ASSIGNMENT_LINK = re.compile(r'href="/nhiem-vu/(\d+)/"')


class Official(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def on_start(self) -> None:
        page = self.client.get("/dang-nhap/", name="login page")
        token = CSRF.search(page.text)
        response = self.client.post(
            "/dang-nhap/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1) if token else ""},
            headers={"Referer": f"{self.host}/dang-nhap/"},
            name="login",
            allow_redirects=False,
        )
        if response.status_code != 302:
            response.failure(f"login of {self.username} failed: {response.status_code}")
        with self.client.get("/", name="/ (home)", allow_redirects=False, catch_response=True) as home:
            if "/tai-khoan/xac-thuc" in home.headers.get("Location", ""):
                home.failure("second factor asked: start the server with MFA_REQUIRED_ROLES= (bench/loadtest.sh does)")
                self.stop()
        self.assignments: list[str] = []
        self.assessments: list[int] = []
        self.criteria_sets: list[int] = []

    def quarter(self) -> str:
        return f"{YEAR}-Q{random.randint(1, 4)}"

    def open_inbox(self) -> None:
        page = self.client.get("/nhiem-vu/", name="/nhiem-vu/ (inbox)")
        self.assignments = ASSIGNMENT_LINK.findall(page.text)[:20] or self.assignments

    def open_assignment(self) -> None:
        if not self.assignments:
            self.open_inbox()
        if self.assignments:
            self.client.get(f"/nhiem-vu/{random.choice(self.assignments)}/", name="/nhiem-vu/[id]/ (assignment)")

    def load_par(self) -> None:
        if not self.assessments:
            body = self.client.get("/api/v1/parindex/assessments/", name="/api/v1/parindex/assessments/").json()
            self.assessments = [row["id"] for row in body.get("results", [])]
            self.criteria_sets = sorted({row["criteria_set"] for row in body.get("results", [])})


class Officer(Official):
    """A commune officer: their own unit's work."""

    weight = 5

    def on_start(self) -> None:
        self.username = f"scale.officer.{next(_officer_numbers) % OFFICERS}"
        super().on_start()

    @task(4)
    def inbox(self) -> None:
        self.open_inbox()

    @task(3)
    def assignment(self) -> None:
        self.open_assignment()

    @task(1)
    def notifications(self) -> None:
        self.client.get("/nhiem-vu/thong-bao/", name="/nhiem-vu/thong-bao/ (notifications)")

    @task(2)
    def home(self) -> None:
        self.client.get("/", name="/ (home)")

    @task(2)
    def onestop(self) -> None:
        self.client.get(f"/mot-cua/?period={self.quarter()}", name="/mot-cua/ (one-stop figures, quarter)")


class Leader(Official):
    """The province's leader: the whole picture."""

    weight = 2
    username = "scale.leader"

    @task(2)
    def home(self) -> None:
        self.client.get("/", name="/ (home)")

    @task(3)
    def oversight(self) -> None:
        self.client.get("/nhiem-vu/theo-doi/", name="/nhiem-vu/theo-doi/ (oversight)")

    @task(1)
    def oversight_units(self) -> None:
        self.client.get(
            "/nhiem-vu/theo-doi/?units=1", headers={"HX-Request": "true"}, name="/nhiem-vu/theo-doi/?units=1 (htmx)"
        )

    @task(3)
    def onestop_quarter(self) -> None:
        self.client.get(f"/mot-cua/?period={self.quarter()}", name="/mot-cua/ (one-stop figures, quarter)")

    @task(1)
    def onestop_year(self) -> None:
        self.client.get(f"/mot-cua/?period={YEAR}", name="/mot-cua/ (one-stop figures, year)")

    @task(1)
    def ranking(self) -> None:
        self.load_par()
        if self.criteria_sets:
            self.client.get(f"/chi-so-cchc/bo/{self.criteria_sets[0]}/xep-hang/", name="/chi-so-cchc/bo/[id]/xep-hang/")


class FocalPoint(Official):
    """The province's PAR focal point: oversight, figures, reports, assessments, and the API."""

    weight = 3
    username = "scale.focal"

    @task(3)
    def oversight(self) -> None:
        self.client.get("/nhiem-vu/theo-doi/", name="/nhiem-vu/theo-doi/ (oversight)")

    @task(1)
    def oversight_page(self) -> None:
        self.client.get(
            f"/nhiem-vu/theo-doi/?overdue_page={random.randint(2, 10)}", name="/nhiem-vu/theo-doi/?overdue_page"
        )

    @task(2)
    def inbox(self) -> None:
        self.open_inbox()

    @task(2)
    def onestop(self) -> None:
        self.client.get(f"/mot-cua/?period={self.quarter()}", name="/mot-cua/ (one-stop figures, quarter)")

    @task(1)
    def report(self) -> None:
        self.client.get(f"/mot-cua/bao-cao/?period={self.quarter()}", name="/mot-cua/bao-cao/ (period report)")

    @task(1)
    def assessment(self) -> None:
        self.load_par()
        if self.assessments:
            self.client.get(
                f"/chi-so-cchc/danh-gia/{random.choice(self.assessments)}/", name="/chi-so-cchc/danh-gia/[id]/"
            )

    @task(2)
    def api_dossiers(self) -> None:
        page = random.randint(1, 20)
        self.client.get(f"/api/v1/onestop/dossiers/?page={page}", name="/api/v1/onestop/dossiers/")

    @task(1)
    def api_figures(self) -> None:
        q = random.randint(1, 4)
        start, end = {1: ("01-01", "03-31"), 2: ("04-01", "06-30"), 3: ("07-01", "09-30"), 4: ("10-01", "12-31")}[q]
        self.client.get(
            f"/api/v1/onestop/figures/?from={YEAR}-{start}&to={YEAR}-{end}", name="/api/v1/onestop/figures/"
        )

    @task(1)
    def api_assessments(self) -> None:
        self.client.get("/api/v1/parindex/assessments/", name="/api/v1/parindex/assessments/")

    @task(1)
    def api_assignments(self) -> None:
        self.client.get("/api/v1/assignments/assignments/", name="/api/v1/assignments/assignments/")
