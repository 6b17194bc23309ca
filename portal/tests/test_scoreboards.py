"""Scoreboards: the onestop and surveys selectors' figures per unit, PAR results only once published."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from onestop.models import Dossier
from parindex.choices import AssessmentStatus
from portal import selectors
from portal.forms import ScoreboardForm
from surveys.services import response_submit_public

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(org, make_dossier, questionnaire, questions):
    today = timezone.localdate()
    on_time = make_dossier(org.a, received=today, code="A-1")
    late = make_dossier(org.a, received=today, code="A-2")
    Dossier.objects.filter(pk=on_time.pk).update(completed_on=on_time.due_on)
    Dossier.objects.filter(pk=late.pk).update(completed_on=late.due_on + dt.timedelta(days=2))
    make_dossier(org.b, received=today, code="B-1")
    values = dict.fromkeys(questions.values(), 5)
    response = response_submit_public(questionnaire=questionnaire, unit=org.a, answers=values, comment="Rất tốt")
    response.answered_on = today
    response.save(update_fields=["answered_on"])
    return today


def test_scoreboard_reads_the_selectors_per_unit(figures, org):
    board = selectors.scoreboard(ScoreboardForm({"ky": str(figures.year)}).period())
    rows = {row["unit"]: row for row in board["units"]}
    assert rows[org.a.short_name]["on_time_rate"] == 0.5
    assert rows[org.a.short_name]["satisfaction"] == 1.0
    assert rows[org.b.short_name]["on_time_rate"] is None  # nothing completed yet: no figure, not 0
    assert board["total"]["dossiers"] == 3


def test_scoreboard_page_has_svg_charts_with_a_table(client, figures, org):
    response = client.get("/cong-khai/ket-qua/", {"ky": str(figures.year)})
    html = response.content.decode()
    assert html.count('<svg class="chart"') == 2  # on time and satisfaction (no online-capable procedures)
    assert 'role="img"' in html and "<title>" in html
    for value in re.findall(r' (?:x|y|width|height)="([^"]*)"', html):  # SVG numbers: never "184,9"
        float(value)
    assert '<table id="scoreboard">' in html and "50,0 %" in html and "100,0 %" in html
    assert f"/khao-sat/don-vi/{org.a.code}/" in html  # the unit's public survey form
    assert "Rất tốt" not in html  # a comment nobody approved stays with staff
    assert len(response.content) < 100 * 1024


def test_an_invalid_period_is_ignored_with_a_message(client, db):
    response = client.get("/cong-khai/ket-qua/", {"ky": "2026-Q9"})
    assert response.status_code == 200
    assert "Kỳ không hợp lệ" in response.content.decode()


def test_par_results_only_once_published(client, district, assessments):
    a, b = assessments
    assert selectors.par_results() is None
    a.status, b.status = AssessmentStatus.APPRAISED, AssessmentStatus.PUBLISHED
    a.save(update_fields=["status"])
    b.save(update_fields=["status"])
    par = selectors.par_results()
    assert [row["unit"] for row in par["rows"]] == [district.b.short_name]
    html = client.get("/cong-khai/ket-qua/").content.decode()
    assert '<table id="par">' in html and district.b.short_name in html and district.a.short_name not in html


def test_portal_root_unit_keeps_to_its_tree(settings, figures, org, make_dossier):
    make_dossier(org.x, received=figures, code="X-1")
    settings.PORTAL_ROOT_UNIT = org.root.code
    board = selectors.scoreboard(ScoreboardForm({"ky": str(figures.year)}).period())
    assert org.x.short_name not in {row["unit"] for row in board["units"]}
    assert selectors.dossier_lookup("X-1") == []
