"""Every step that cannot be undone (or that reaches many people at once) asks first and says what follows.

Two ways, both checked here on the demo data: a confirmation page rendered by the server (issue a directive,
cancel an assignment, submit/finish/publish an assessment: nothing happens until the second post), or a
`data-confirm` question that site.js asks before the form is sent (delete a draft, send a unit report, open a
report cycle, open self-assessments). The browser side of `data-confirm` is tested in
assignments/tests/test_browser_mobile.py.
"""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from assignments.models import Assignment
from parindex.models import Assessment, CriteriaSet
from reports.choices import ReportStatus
from reports.models import UnitReport
from reports.selectors import can_edit

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())
    return get_user_model().objects


def _as(users, username) -> Client:
    client = Client()
    client.force_login(users.get(username=username))
    return client


def _confirm_text(html: str, marker: str) -> str:
    """The data-confirm question of the first button at or after `marker` in the page ("" if it has none)."""
    assert marker in html, marker
    tag = re.search(r"<button[^>]*>", html[html.index(marker) :]).group(0)
    found = re.search(r'data-confirm="([^"]+)"', tag)
    return found.group(1) if found else ""


def test_data_confirm_questions_say_what_follows(demo):
    focal = _as(demo, "daumoi.noivu")
    assert "dự thảo" in _confirm_text(focal.get(reverse("reports:cycle_list")).content.decode(), 'id="open-cycle"')

    criteria_set = CriteriaSet.objects.order_by("pk").first()
    page = focal.get(reverse("parindex:set_detail", args=[criteria_set.pk])).content.decode()
    assert "bản tự đánh giá" in _confirm_text(page, 'name="action" value="open"')

    report = next(
        r
        for r in UnitReport.objects.filter(status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED])
        for u in demo.filter(is_superuser=False)
        if can_edit(u, r) and (user := u)
    )
    page = _as(demo, user.username).get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    question = _confirm_text(page, '<button type="submit" name="action" value="submit"')
    assert str(report.cycle.owner) in question and "không sửa được" in question


def test_server_side_confirmations_write_nothing_on_the_first_post(demo):
    focal = _as(demo, "daumoi.noivu")
    assignment = Assignment.objects.visible_to(demo.get(username="daumoi.noivu"), "manage").filter(
        done_at__isnull=True, cancelled_at__isnull=True
    )[0]
    page = focal.post(reverse("assignments:assignment_cancel", args=[assignment.pk]), {"note": "Trùng"})
    assert 'id="cancel-confirm"' in page.content.decode()
    assert Assignment.objects.get(pk=assignment.pk).cancelled_at is None

    draft = Assessment.objects.filter(status="draft").first()
    url = reverse("parindex:assessment_detail", args=[draft.pk])
    asked = [
        u
        for u in demo.all()
        if 'id="confirm"' in _as(demo, u.username).post(url, {"action": "submit"}).content.decode()
    ]
    assert asked  # whoever may submit it was asked first
    assert Assessment.objects.get(pk=draft.pk).status == "draft"


def test_confirmation_pages_read_in_english(demo):
    """The pages only a POST shows are out of the English crawl's reach: checked here the same way."""
    from django.conf import settings

    from core.tests.test_english import VIETNAMESE, _database_strings, _leftover, _norm, _Text

    index, templates = _database_strings()
    pages = []
    focal = _as(demo, "daumoi.noivu")
    focal.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assignment = Assignment.objects.visible_to(demo.get(username="daumoi.noivu"), "manage").filter(
        done_at__isnull=True, cancelled_at__isnull=True
    )[0]
    pages.append(focal.post(reverse("assignments:assignment_cancel", args=[assignment.pk]), {"note": "Duplicate"}))
    draft = Assessment.objects.filter(status="draft").first()
    url = reverse("parindex:assessment_detail", args=[draft.pk])
    for user in demo.all():
        client = _as(demo, user.username)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.post(url, {"action": "submit"})
        if 'id="confirm"' in response.content.decode():
            pages.append(response)
            break
    assert len(pages) == 2
    untranslated = []
    for response in pages:
        parser = _Text()
        parser.feed(response.content.decode())
        untranslated += [
            _norm(t) for t in parser.texts if VIETNAMESE.search(_leftover(_norm(t), index, templates) or "")
        ]
    assert untranslated == []
