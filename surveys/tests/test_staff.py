"""Staff pages: paper entry within the user's scope, moderation, the dashboard; sampling and the slips sheet."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from core.errors import ApplicationError
from surveys.choices import Channel, CommentStatus
from surveys.models import Response, SurveyToken
from surveys.services import sample_size, tokens_for_sample
from surveys.tests.conftest import ALL_SATISFIED, post_data

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client, questionnaire):
    for url in ("/khao-sat/", "/khao-sat/phieu-giay/", "/khao-sat/lay-mau/"):
        assert client.get(url).status_code == 302


def test_officer_enters_a_paper_form_for_their_unit(client, org, officer_a, questions):
    client.force_login(officer_a)
    data = post_data(questions, ALL_SATISFIED, unit=org.a.pk, answered_on="15/07/2026", comment="Tốt")
    response = client.post("/khao-sat/phieu-giay/", data)
    assert response.status_code == 302
    saved = Response.objects.get()
    assert (saved.unit, saved.channel, saved.answered_on, saved.entered_by) == (
        org.a,
        Channel.PAPER,
        dt.date(2026, 7, 15),
        officer_a,
    )


def test_paper_form_for_another_unit_is_refused(client, org, officer_a, questions):
    client.force_login(officer_a)
    data = post_data(questions, ALL_SATISFIED, unit=org.b.pk, answered_on="15/07/2026")
    assert client.post("/khao-sat/phieu-giay/", data).status_code == 200
    assert not Response.objects.exists()


def test_viewer_has_no_paper_entry(client, viewer_c, questionnaire):
    client.force_login(viewer_c)
    assert client.get("/khao-sat/phieu-giay/").status_code == 404


def test_paper_form_with_an_answered_dossier_is_refused(client, org, officer_a, questions, make_dossier):
    dossier = make_dossier(org.a, code="HS-1")
    client.force_login(officer_a)
    data = post_data(questions, ALL_SATISFIED, unit=org.a.pk, answered_on="15/07/2026", dossier_code="HS-1")
    assert client.post("/khao-sat/phieu-giay/", data).status_code == 302
    again = client.post("/khao-sat/phieu-giay/", data)
    assert "đã được đánh giá" in again.content.decode()
    assert Response.objects.filter(dossier=dossier).count() == 1


def test_comment_is_moderated_before_publication(client, org, officer_a, outsider, questionnaire):
    from surveys.selectors import published_comments

    response = Response.objects.create(
        questionnaire=questionnaire,
        unit=org.a,
        answered_on=dt.date(2026, 7, 1),
        channel="public_form",
        comment="Cần thêm chỗ ngồi",
        comment_status=CommentStatus.PENDING,
    )
    assert list(published_comments()) == []
    client.force_login(outsider)
    assert client.post(f"/khao-sat/y-kien/{response.pk}/duyet/", {"action": "approve"}).status_code == 404
    client.force_login(officer_a)
    page = client.get("/khao-sat/?period=2026")
    assert "Cần thêm chỗ ngồi" in page.content.decode()
    moved = client.post(f"/khao-sat/y-kien/{response.pk}/duyet/", {"action": "approve", "next": "//evil.example/"})
    assert moved["Location"] == "/khao-sat/"  # no open redirect
    response.refresh_from_db()
    assert response.comment_status == CommentStatus.APPROVED
    assert list(published_comments()) == [response]


@pytest.mark.parametrize("target", ["abc", "999999", "dashboard", "surveys:dashboard"])
def test_moderation_with_a_next_that_is_not_an_address_goes_to_the_dashboard(
    client, org, officer_a, questionnaire, target
):
    response = Response.objects.create(
        questionnaire=questionnaire,
        unit=org.a,
        answered_on=dt.date(2026, 7, 1),
        channel="public_form",
        comment="Cần thêm chỗ ngồi",
        comment_status=CommentStatus.PENDING,
    )
    client.force_login(officer_a)
    moved = client.post(f"/khao-sat/y-kien/{response.pk}/duyet/", {"action": "approve", "next": target})
    assert moved.status_code == 302 and moved["Location"] == "/khao-sat/"  # was a 500 (taken for a view name)


def test_dashboard_bad_filters_are_not_a_500(client, officer_a, questionnaire):
    client.force_login(officer_a)
    for query in (
        "period=abc",
        "period=2026-13",
        "unit=xyz",
        "unit=999999",
        "period=2026-09-01..2026-01-01",
        "period=99999999999",
    ):
        assert client.get(f"/khao-sat/?{query}").status_code == 200


@pytest.mark.parametrize(
    ("population", "margin", "expected"),
    [(1000, "0.05", 286), (100, "0.05", 80), (400, "0.1", 80), (1, "0.05", 1), (0, "0.05", 0)],
)
def test_sample_size_formula(population, margin, expected):
    # n = N / (1 + N·e²), rounded up: 1000 / 3.5 = 285.7 → 286; 100 / 1.25 = 80; 400 / 5 = 80
    assert sample_size(population, Decimal(margin)) == expected


def test_sample_margin_must_be_a_fraction():
    with pytest.raises(ApplicationError):
        sample_size(10, "0")


def test_sample_picks_n_dossiers_of_the_period_and_keeps_tokens(org, officer_a, questionnaire, make_dossier):
    for i in range(20):
        make_dossier(org.a, received=dt.date(2026, 7, 1) + dt.timedelta(days=i))
    make_dossier(org.a, received=dt.date(2026, 10, 2))  # outside the period
    make_dossier(org.b, received=dt.date(2026, 7, 2))  # another unit
    args = {"user": officer_a, "questionnaire": questionnaire, "unit_ids": [org.a.pk]}
    tokens = tokens_for_sample(**args, start=dt.date(2026, 7, 1), end=dt.date(2026, 9, 30), margin="0.1", seed=1)
    assert len(tokens) == 17  # 20 / (1 + 20·0.01) = 16.7 → 17
    assert {t.unit for t in tokens} == {org.a}
    assert all(dt.date(2026, 7, 1) <= t.dossier.received_on <= dt.date(2026, 9, 30) for t in tokens)
    assert len({t.token for t in tokens}) == 17 and all(len(t.token) >= 20 for t in tokens)
    again = tokens_for_sample(**args, start=dt.date(2026, 7, 1), end=dt.date(2026, 9, 30), margin="0.1", seed=1)
    assert [t.pk for t in again] == [t.pk for t in tokens]
    with pytest.raises(ApplicationError):
        tokens_for_sample(
            **{**args, "unit_ids": [org.b.pk]}, start=dt.date(2026, 7, 1), end=dt.date(2026, 9, 30), margin="0.1"
        )


def test_sample_page_downloads_the_slips_with_links(client, org, officer_a, questionnaire, make_dossier):
    for i in range(5):
        make_dossier(org.a, received=dt.date(2026, 7, 1) + dt.timedelta(days=i))
    client.force_login(officer_a)
    response = client.post(
        "/khao-sat/lay-mau/", {"unit": org.a.pk, "period": "2026-Q3", "margin": "0.05", "fmt": "xlsx"}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    links = [row[3] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert len(links) == 5  # 5 / (1 + 5·0.0025) = 4.94 → 5
    tokens = set(SurveyToken.objects.values_list("token", flat=True))
    assert {link.rstrip("/").rsplit("/", 1)[1] for link in links} == tokens
    word = client.post("/khao-sat/lay-mau/", {"unit": org.a.pk, "period": "2026-Q3", "margin": "0.05", "fmt": "docx"})
    assert word.status_code == 200 and word.content[:2] == b"PK"
    document = Document(io.BytesIO(word.content))
    assert len(document.inline_shapes) == 5  # one QR image per slip
    assert any(links[0] in p.text for p in document.paragraphs)
    bad = client.post("/khao-sat/lay-mau/", {"unit": org.a.pk, "period": "xyz", "margin": "9", "fmt": "xlsx"})
    assert bad.status_code == 200
