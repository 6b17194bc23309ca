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
    page.wait_for_selector("#alias-question")
    item = page.locator("#item-2")
    assert item.locator("textarea[name=items-1-recipients]").input_value().strip() == "Phòng Tư pháp"
    page.click("#issue")
    page.wait_for_selector("text=Ban hành 2 nhiệm vụ cho 2 đơn vị?")
    page.click("#issue-confirmed")
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
    page.click("#unit-results a")  # the table per unit is loaded on demand
    page.wait_for_selector("#units .bar")
    assert page.locator("#units .bar").count() >= 1
    with page.expect_download() as download:
        page.click("text=Tải báo cáo .docx")
    assert download.value.suggested_filename.endswith(".docx")


def test_pdf_notice_merge_split_alias_issue_and_the_alias_is_learnt(live_server, login, page, org, focal_point):
    """The 05 công văn as a signed PDF: its six items with their source sentences; merge two, split
    one, fix an unmatched name and keep the spelling as an alias, issue after the confirmation; a
    second notice with the same spelling then matches by itself."""
    from assignments.tests.conftest import FIXTURES
    from organizations.tests.factories import UnitFactory, UnitGroupFactory

    district = org.a.level
    office = UnitFactory(
        code="VP", short_name="Văn phòng HĐND và UBND huyện", kind="agency", level=district, parent=org.root
    )
    UnitFactory(code="VH", short_name="Phòng Văn hóa và Thông tin", kind="agency", level=district, parent=org.root)
    UnitFactory(
        code="TT", short_name="Trung tâm Văn hóa, Thể thao và Truyền thanh huyện", kind="agency", level=district,
        parent=org.root,
    )  # fmt: skip
    UnitGroupFactory(
        name="UBND các xã, thị trấn", aliases="Chủ tịch UBND các xã, thị trấn", owner=org.root,
        rule_parent=org.root, rule_kind="commune",
    )  # fmt: skip
    UnitGroupFactory(
        name="Các phòng chuyên môn", aliases="các phòng chuyên môn liên quan", owner=org.root,
        rule_parent=org.root, rule_kind="agency",
    )  # fmt: skip

    login(focal_point)
    page.click("nav >> text=Văn bản chỉ đạo")
    page.click("text=Nhập văn bản chỉ đạo")
    page.set_input_files("input[name=file]", str(FIXTURES / "conclusions" / "05-huyen-cong-van.pdf"))
    page.click("#directive-form button[type=submit]")
    page.wait_for_selector("#review")
    assert page.locator("section.item").count() == 6
    assert "Rà soát, cập nhật danh mục hồ sơ công việc năm 2027" in page.locator("#item-1 blockquote.why").inner_text()
    assert page.locator("#item-4 mark.why-deadline").inner_text().startswith("chậm nhất ngày 05/4/2027")

    page.click("#item-1 button[value='merge|1']")  # items 1 and 2 give the same units one task
    page.wait_for_selector("text=Đã lưu các chỉnh sửa.", state="detached")
    page.wait_for_function("document.querySelectorAll('section.item').length === 5")
    page.click("#item-3 button[value='split|3']")  # "theo dõi …; báo cáo … chậm nhất ngày 05/4/2027"
    page.wait_for_function("document.querySelectorAll('section.item').length === 6")

    item = page.locator("#item-3")
    assert "Văn phòng HĐND&UBND huyện" in item.locator(".unmatched").inner_text()
    item.locator("button.suggest", has_text="Văn phòng HĐND và UBND huyện").first.click()
    page.wait_for_selector("#alias-question")
    page.click("#alias-question button[value=alias]")
    page.wait_for_selector("text=là tên gọi khác của")
    assert office.aliases.filter(name="Văn phòng HĐND&UBND huyện").exists()

    page.click("#issue")
    page.wait_for_selector("#issue-confirm")
    question = page.locator("#issue-confirm").inner_text()
    assert question.startswith("Ban hành ") and "nhiệm vụ cho" in question
    page.click("#issue-confirmed")
    page.wait_for_selector("text=Đã ban hành:")
    # The split item gave two tasks to the office (the group "các phòng chuyên môn" gives it a third).
    contents = list(Assignment.objects.filter(lead_unit=office).values_list("content", flat=True))
    assert any(c.endswith("tổng hợp tình hình thực hiện;") for c in contents)
    assert "báo cáo Chủ tịch UBND huyện chậm nhất ngày 05/4/2027." in contents

    page.click("nav >> text=Văn bản chỉ đạo")
    page.click("text=Nhập văn bản chỉ đạo")
    page.fill("input[name=date]", "10/02/2027")
    page.fill(
        "textarea[name=text]",
        "Giao Văn phòng HĐND&UBND huyện tổng hợp kết quả cải cách hành chính quý I, báo cáo trước ngày 10/4/2027.",
    )
    page.click("#directive-form button[type=submit]")
    page.wait_for_selector("#review")
    assert page.locator("#item-1 .unmatched").count() == 0
    assert "Văn phòng HĐND và UBND huyện" in page.locator("#item-1 .badge.ok").first.inner_text()
