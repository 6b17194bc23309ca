from decimal import Decimal

import pytest

from parindex.services import score_set_self

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_evidence_submit_appraise_ranking(live_server, login, page, district, assessments, criteria_set, tmp_path):
    a, _b = assessments
    for score in (
        a.scores.select_related("criterion").filter(criterion__is_survey=False).exclude(criterion__code="1.1.1")
    ):
        score_set_self(score=score, value=score.criterion.max_points, explanation="Đã thực hiện đầy đủ")
    target = a.scores.get(criterion__code="1.1.1")
    plan = tmp_path / "ke-hoach.pdf"
    plan.write_bytes(b"%PDF-1.4 ke hoach CCHC 2026")

    login(district.officer_a)
    page.goto(f"{live_server.url}/chi-so-cchc/diem/{target.pk}/")
    page.fill("input[name=title]", "Kế hoạch CCHC năm 2026")
    page.fill("input[name=number]", "15/KH-UBND")
    page.fill("input[name=issued_on]", "20/12/2025")
    page.set_input_files("input[name=file]", str(plan))
    page.click("text=Thêm tài liệu")
    assert "15/KH-UBND Kế hoạch CCHC năm 2026" in page.locator("#evidence").inner_text()
    page.fill("input[name=self_score]", "1")
    page.click("text=Lưu điểm")
    page.click("text=Gửi thẩm định")
    assert "Sau khi gửi, đơn vị không sửa được điểm" in page.locator("#confirm").inner_text()
    page.click("text=Xác nhận gửi thẩm định")
    assert page.locator("#status").inner_text() == "Đã gửi thẩm định"

    page.click("text=Đăng xuất")
    login(district.focal)
    page.goto(f"{live_server.url}/chi-so-cchc/danh-gia/{a.pk}/")
    survey = a.scores.get(criterion__code="8.1")
    page.fill(f"input[name=appraised_{survey.pk}]", "18")
    page.click("button[value=finish]")
    page.click("text=Xác nhận hoàn thành thẩm định")
    assert page.locator("#status").inner_text() == "Đã thẩm định"
    assert "Đã hoàn thành thẩm định: tổng điểm thẩm định 88" in page.locator(".messages").inner_text()
    assert page.locator("#appraised-total").inner_text() == "88"  # 70 self-scored + 18 survey

    page.goto(f"{live_server.url}/chi-so-cchc/bo/{criteria_set.pk}/xep-hang/")
    first_row = page.locator("#ranking tbody tr").first.inner_text()
    assert "UBND xã A" in first_row and "Khá" in first_row
    assert Decimal(88) == a.scores.get(criterion__code="8.1").appraised_score + 70
