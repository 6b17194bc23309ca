"""Scan the QR link on a 360 px phone, answer, and the unit's satisfaction figure changes for staff."""

import pytest
from django.utils import timezone

from surveys.models import SurveyToken

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_scan_link_answer_on_a_phone_changes_the_unit_figure(
    live_server, browser, login, page, org, focal_point, questionnaire, questions, make_dossier
):
    dossier = make_dossier(org.a, received=timezone.localdate(), code="HS-QR-1")
    token = SurveyToken.objects.create(questionnaire=questionnaire, dossier=dossier, unit=org.a)

    login(focal_point)
    page.goto(f"{live_server.url}/khao-sat/")
    assert page.locator("#total-responses").inner_text() == "0"
    assert page.locator("#total-index").inner_text() == "—"

    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN", java_script_enabled=False)
    citizen = phone.new_page()
    citizen.goto(f"{live_server.url}/khao-sat/{token.token}/")
    assert "HS-QR-1" in citizen.content()
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    for question_id in questions.values():
        citizen.check(f"input[name=q{question_id}][value='5']")
    assert not citizen.is_checked("input[name=consent]")
    citizen.check("input[name=consent]")
    citizen.click("main form button[type=submit]")  # not the language switch in the header
    assert "Phiếu đã được ghi nhận" in citizen.content()
    citizen.goto(f"{live_server.url}/khao-sat/{token.token}/")
    assert "chỉ được trả lời một lần" in citizen.content()
    phone.close()

    page.goto(f"{live_server.url}/khao-sat/")
    assert page.locator("#total-responses").inner_text() == "1"
    assert page.locator("#total-index").inner_text() == "100 %"
    assert org.a.short_name in page.locator("#units").inner_text()
