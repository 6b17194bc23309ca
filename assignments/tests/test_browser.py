"""The whole journey in a browser: paste a notice, fix a recipient, issue, report as the unit, accept."""

import datetime as dt

import pytest
from django.utils import timezone

from assignments.models import Assignment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _logout(page):
    page.click("text=Đăng xuất")
    page.wait_for_url("**/dang-nhap/**")


def test_paste_fix_issue_report_accept(live_server, login, page, org, focal_point, officer_b):
    deadline = timezone.localdate() + dt.timedelta(days=30)
    today = timezone.localdate()
    notice = (
        f"UBND HUYỆN THỬ\nSố: 30/TB-UBND        Thử, ngày {today.day} tháng {today.month} năm {today.year}\n\n"
        "THÔNG BÁO\nKết luận của Chủ tịch UBND huyện tại cuộc họp giao ban\n\n"
        "1. Giao Phòng Nội vụ: Chủ trì rà soát quy chế làm việc; hoàn thành trong năm "
        f"{deadline.year}.\n"
        "2. Giao Phòng Tư pháb: Chủ trì kiểm soát thủ tục hành chính; hoàn thành trước ngày "
        f"{deadline:%d/%m/%Y}.\n\n"
        "Văn phòng thông báo để các cơ quan, đơn vị biết, thực hiện./.\n"
    )
    login(focal_point)
    page.click("nav >> text=Văn bản chỉ đạo")
    page.click("text=Nhập văn bản chỉ đạo")
    page.fill("textarea[name=text]", notice)
    page.click("#directive-form button[type=submit]")
    page.wait_for_selector("#review")
    item = page.locator("#item-2")
    assert "Phòng Tư pháb" in item.locator(".unmatched").inner_text()
    assert "Phòng Tư pháp" in item.inner_text()  # the suggestion
    item.locator("button.suggest", has_text="Phòng Tư pháp").first.click()  # take the suggestion
    assert item.locator("textarea[name=items-1-recipients]").input_value().strip() == "Phòng Tư pháp"
    page.click("#issue")
    page.wait_for_selector("text=Đã ban hành: 2 nhiệm vụ được giao.")
    assignment = Assignment.objects.get(lead_unit=org.b)
    directive = assignment.item.directive
    assert (directive.number, directive.date) == ("30/TB-UBND", today)  # read from the heading
    assert assignment.deadline == deadline
    _logout(page)

    login(officer_b)
    page.click("nav >> text=Nhiệm vụ")
    page.click("#assignment-table >> text=kiểm soát thủ tục hành chính")
    assert page.locator("#status").inner_text().strip() == "Đang thực hiện trong hạn"
    page.fill("#report-form textarea[name=text]", "Đã kiểm soát 30 thủ tục, đạt yêu cầu.")
    page.check("#report-form input[name=is_final]")
    page.click("#report-form button[type=submit]")
    page.wait_for_selector("text=Đã gửi báo cáo hoàn thành, chờ bên giao duyệt.")
    _logout(page)

    login(focal_point)
    page.goto(f"{live_server.url}{assignment.get_absolute_url()}")
    page.fill("#review-form textarea[name=note]", "Đạt yêu cầu")
    page.click("#accept")
    page.wait_for_selector("text=Đã chấp nhận báo cáo: nhiệm vụ hoàn thành.")
    assert page.locator("#status").inner_text().strip() == "Hoàn thành đúng hạn"


def test_inbox_search_without_diacritics_updates_the_list(live_server, login, page, make_assignment, officer_a):
    make_assignment(content="Đẩy mạnh cải cách hành chính")
    make_assignment(content="Số hóa hồ sơ lưu trữ")
    login(officer_a)
    page.goto(f"{live_server.url}/nhiem-vu/")
    assert page.locator("#assignment-table tbody tr").count() == 2
    page.fill("#filters input[name=q]", "cai cach")
    page.wait_for_function("document.querySelectorAll('#assignment-table tbody tr').length === 1")
    assert "cải cách hành chính" in page.locator("#assignment-table").inner_text()
    assert "q=cai" in page.url  # the filter is in the address, so the list can be shared


def test_dashboard_filters_and_word_report(live_server, login, page, make_assignment, org, focal_point):
    make_assignment(org.a, deadline=timezone.localdate() - dt.timedelta(days=3), content="Việc trễ hạn")
    make_assignment(org.c, content="Việc của xã")
    login(focal_point)
    page.click("nav >> text=Theo dõi, đôn đốc")
    assert page.locator("#status-counts [data-status=overdue]").inner_text() == "1"
    assert "Việc trễ hạn" in page.locator("#overdue").inner_text()
    page.select_option("#dashboard-filters select[name=tree]", label="UBND xã Tân Phú")
    page.click("#dashboard-filters button[type=submit]")
    page.wait_for_url("**tree=**")
    assert page.locator("#status-counts [data-status=overdue]").inner_text() == "0"
    assert page.locator("#units .bar").count() >= 1
    with page.expect_download() as download:
        page.click("text=Tải báo cáo .docx")
    assert download.value.suggested_filename.endswith(".docx")
