import datetime as dt

import pytest

from assignments.models import Assignment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_office_assigns_the_flagged_units_and_a_unit_clears_its_flag(
    live_server, login, org, procedures, catalogue, make_system, leader_root, officer_a, tmp_path
):
    a = make_system(org.a, documents=[("QT-01", dt.date(2026, 2, 1), ["P1"])])
    b = make_system(org.b, documents=[("QT-02", dt.date(2026, 2, 1), ["P2"])])
    make_system(org.c, documents=[("QT-03", dt.date(2026, 2, 1), ["P3"])])
    catalogue("P1,Khai sinh,Hộ tịch,Xã,Toàn trình,1,\nP2,Kết hôn,Hộ tịch,Xã,Một phần,5,Bãi bỏ\n", dt.date(2026, 7, 1))

    page = login(leader_root)  # the committee's office
    page.goto(f"{live_server.url}/iso/")
    assert page.locator("#quality-overview tr.flagged").count() == 2
    page.check(f"#system-{a.pk} input[name=systems]")
    page.check(f"#system-{b.pk} input[name=systems]")
    page.fill("input[name=deadline]", "30/11/2026")
    questions = []  # giving tasks to many units asks first (data-confirm)
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.click("#assign-selected")
    assert "nhận một nhiệm vụ" in questions[0]
    assert "Đã giao 2 nhiệm vụ" in page.locator("body").inner_text()
    assert sorted(x.lead_unit.short_name for x in Assignment.objects.all()) == ["Phòng Nội vụ", "Phòng Tư pháp"]

    page.context.clear_cookies()
    page = login(officer_a)  # Phòng Nội vụ reissues its document
    page.goto(f"{live_server.url}/iso/he-thong/{a.pk}/")
    assert "TTHC P1 thay đổi" in page.locator("#documents").inner_text()
    pdf = tmp_path / "qt-01-lan-2.pdf"
    pdf.write_bytes(b"%PDF-1.4 quy trinh ban hanh lan 2")
    row = page.locator("#documents tbody tr").first
    row.locator("input[name=version]").fill("02")
    row.locator("input[name=issued_on]").fill("15/07/2026")
    row.locator("input[name=file]").set_input_files(str(pdf))
    row.locator("button[type=submit]").click()
    assert "Đã cập nhật quy trình QT-01" in page.locator("body").inner_text()
    assert "TTHC P1 thay đổi" not in page.locator("#documents").inner_text()

    page.context.clear_cookies()
    page = login(leader_root)
    page.goto(f"{live_server.url}/iso/")
    assert page.locator("#quality-overview tr.flagged").count() == 1
    assert page.locator(f"#system-{a.pk}").get_attribute("class") == ""
