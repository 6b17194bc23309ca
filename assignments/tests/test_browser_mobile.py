"""Daily journeys on a phone (390 px): the officer (home → task → report) and the leader (home → approve).

Screenshots of each step go to var/test-artifacts/ (gitignored) for a human to look at.
"""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from assignments.models import Directive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTIFACTS = Path(settings.BASE_DIR) / "var" / "test-artifacts"
PHONE = {"width": 390, "height": 844}


def _shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _fits(page):
    """Nothing wider than the screen: wide tables scroll inside their own box."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_officer_home_task_report_on_a_phone(live_server, login, page, officer_a, make_assignment):
    make_assignment(content="Rà soát quy chế làm việc của phòng")
    page.set_viewport_size(PHONE)
    login(officer_a)
    _shot(page, "officer-1-home")
    _fits(page)
    # The menu folds behind a button.
    assert page.locator(".nav-toggle").is_visible()
    assert not page.locator("#mainnav").is_visible()
    page.click(".nav-toggle")
    assert page.locator("#mainnav").is_visible()
    _shot(page, "officer-2-menu")
    page.click(".nav-toggle")
    # Status tiles sit two to a row.
    tiles = page.locator("#home-my-tasks .tile")
    first, second = tiles.nth(0).bounding_box(), tiles.nth(1).bounding_box()
    assert abs(first["y"] - second["y"]) < 2
    assert page.locator("[data-count=awaiting_report] .count").inner_text() == "1"
    page.click("[data-count=awaiting_report]")
    page.wait_for_selector("#assignment-table")
    _shot(page, "officer-3-list")
    _fits(page)
    page.click("#assignment-table >> text=Rà soát quy chế làm việc")
    page.wait_for_selector("#report-form")
    _fits(page)
    page.fill("#report-form textarea[name=text]", "Đã rà soát xong, gửi dự thảo quy chế.")
    page.fill("#report-form input[name=percent]", "100")
    page.check("#report-form input[name=is_final]")
    page.click("#report-form button[type=submit]")
    assert "Đã gửi báo cáo hoàn thành" in page.locator(".messages").inner_text()
    assert "Chờ duyệt hoàn thành" in page.locator("#status").inner_text()
    _shot(page, "officer-4-reported")
    _fits(page)


def test_leader_home_approve_on_a_phone(live_server, login, page, leader_root, final_report):
    page.set_viewport_size(PHONE)
    login(leader_root)
    _fits(page)
    assert page.locator("[data-count=reports] .count").inner_text() == "1"
    _shot(page, "leader-1-home")
    page.click("[data-count=reports]")
    page.wait_for_selector("#assignment-table")
    _fits(page)
    page.locator("#assignment-table tbody a").first.click()
    page.wait_for_selector("#accept")
    _shot(page, "leader-2-task")
    page.click("#accept")
    assert "Đã chấp nhận báo cáo" in page.locator(".messages").inner_text()
    _shot(page, "leader-3-approved")
    _fits(page)
    page.goto(f"{live_server.url}/")
    assert page.locator("[data-count=reports] .count").inner_text() == "0"


def test_cancelling_on_a_phone_says_what_follows_before_it_happens(
    live_server, login, page, focal_point, org, make_assignment
):
    assignment = make_assignment(content="Khảo sát mức độ hài lòng tại bộ phận một cửa", coordinators=[org.b])
    page.set_viewport_size(PHONE)
    login(focal_point)
    page.goto(f"{live_server.url}{assignment.get_absolute_url()}")
    page.click("text=Hủy hoặc giao lại")
    page.fill("textarea[name=note]", "Đã gộp vào kế hoạch khảo sát chung")
    page.click("button:has-text('Hủy nhiệm vụ')")
    page.wait_for_selector("#cancel-confirm")
    text = page.locator("#cancel-confirm").inner_text()
    assert str(org.a) in text and "1 đơn vị phối hợp" in text and "không hoàn tác được" in text
    _shot(page, "focal-1-cancel-confirm")
    _fits(page)
    assignment.refresh_from_db()
    assert assignment.cancelled_at is None  # only the confirmation acts
    page.click("#cancel-confirmed")
    assert "Đã hủy nhiệm vụ" in page.locator(".messages").inner_text()
    _shot(page, "focal-2-cancelled")


def test_a_data_confirm_button_does_nothing_when_the_question_is_declined(live_server, login, page, focal_point, org):
    from assignments.services import directive_create

    directive = directive_create(
        issuing_unit=org.root, date=dt.date(2026, 10, 1), created_by=focal_point, text="1. Giao Phòng Nội vụ: Rà soát."
    )
    login(focal_point)
    page.goto(f"{live_server.url}{reverse('assignments:directive_review', args=[directive.pk])}")
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.click("#delete-draft")
    assert questions and "Xóa bản nháp này?" in questions[0]
    assert Directive.objects.filter(pk=directive.pk).exists()
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#delete-draft")
    page.wait_for_load_state()
    assert not Directive.objects.filter(pk=directive.pk).exists()


SMALLEST = {"width": 360, "height": 740}
PAGES_360 = [
    "/",
    "/nhiem-vu/",
    "/nhiem-vu/theo-doi/",
    "/nhiem-vu/van-ban/",
    "/nhiem-vu/thong-bao/",
    "/mot-cua/",
    "/chi-so-cchc/",
    "/don-vi/",
    "/bao-cao/",
    "/ke-hoach/",
    "/iso/",
    "/luu-tru/",
    "/tai-khoan/",
]


def test_pages_fit_a_360_px_screen(live_server, login, page, focal_point, make_assignment):
    """Down to 360 px nothing is wider than the screen: wide tables scroll inside their own box."""
    task = make_assignment(content="Một nhiệm vụ có nội dung rất dài để kiểm tra bảng trên màn hình hẹp " * 3)
    page.set_viewport_size(SMALLEST)
    login(focal_point)
    too_wide = []
    for path in [*PAGES_360, task.get_absolute_url()]:
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > SMALLEST["width"]:
            widest = page.evaluate(
                "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 361)"
                ".map(e => e.tagName + '.' + e.className + '#' + e.id).slice(0, 4).join(' ')"
            )
            too_wide.append(f"{path}: {width} px ({widest})")
    _shot(page, "focal-360-last-page")
    assert too_wide == []
