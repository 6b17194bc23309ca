"""The journey of issue 13: upload the plan .docx → preview → confirm → a commune officer reports a task done
with its output → the plan page's bars move → the register shows the units without their own plan."""

import datetime as dt

import pytest

from plans import services
from plans.models import Plan
from plans.tests.conftest import SAMPLE_DOCX

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _bar(page, label):
    row = page.locator("#bars-units tr", has_text=label)
    return int(row.get_attribute("data-done")), int(row.get_attribute("data-waiting"))


def _switch(page, login, user):
    page.context.clear_cookies()  # log the previous person out
    login(user)


def test_plan_journey(live_server, login, page, ward, cchc, tmp_path):
    requirement = services.requirement_set(
        kind=cchc,
        year=2027,
        requiring_unit=ward.province,
        group=ward.wards,
        due_date=dt.date(2027, 1, 15),
        by=ward.focal,
    )
    # The ward's leader uploads the plan and checks the preview.
    login(ward.leader)
    page.goto(f"{live_server.url}/ke-hoach/nhap/")
    page.set_input_files("input[name=file]", str(SAMPLE_DOCX))
    page.select_option("select[name=kind]", str(cchc.pk))
    page.fill("input[name=year]", "2027")
    page.select_option("select[name=issuing_unit]", str(ward.an_binh.pk))
    page.click("#plan-upload button[type=submit]")
    preview = page.locator("#plan-preview")
    assert "8 nhiệm vụ" in preview.inner_text()
    assert "✓ Văn phòng HĐND và UBND phường" in preview.inner_text()
    assert "Trưởng các khu phố" in preview.locator(".unmatched").all_inner_texts()[1]
    assert not Plan.objects.exists()
    page.click("#confirm-import")
    page.wait_for_selector("#bars-units")
    plan = Plan.objects.get()
    assert page.url.endswith(plan.get_absolute_url())
    assert _bar(page, "Văn phòng HĐND và UBND phường") == (0, 0)

    # The office's officer reports the first task done with its output (the plan it issued).
    assignment = plan.activities.get(order=1).assignments.get()
    output = tmp_path / "ke-hoach-kiem-tra.pdf"
    output.write_bytes(b"%PDF-1.4 ke hoach kiem tra")
    _switch(page, login, ward.officer)
    page.goto(f"{live_server.url}{assignment.get_absolute_url()}")
    page.fill("#report-form textarea[name=text]", "Đã ban hành Kế hoạch kiểm tra CCHC số 09/KH-UBND")
    page.check("#report-form input[name=is_final]")
    page.set_input_files("#report-form input[name=files]", str(output))
    page.click("#report-form button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    assert _bar(page, "Văn phòng HĐND và UBND phường") == (0, 1)  # waiting for the ward's review

    # The leader accepts: the task counts as done, in the unit's and the section's bars.
    _switch(page, login, ward.leader)
    page.goto(f"{live_server.url}{assignment.get_absolute_url()}")
    page.click("#accept")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    assert _bar(page, "Văn phòng HĐND và UBND phường") == (1, 0)
    section = page.locator("#bars-sections tr", has_text="I. CÔNG TÁC CHỈ ĐẠO")
    assert section.get_attribute("data-done") == "1"
    assert page.locator("#bars-sections rect.done").first.get_attribute("width") == "33"

    # The province's focal point sees which wards have not issued their plan, and reminds them.
    _switch(page, login, ward.focal)
    page.goto(f"{live_server.url}{requirement.get_absolute_url()}")
    missing = page.locator("#register tr", has_text="UBND phường Tân Định")
    assert "Chưa ban hành" in missing.inner_text()
    assert "05/KH-UBND" in page.locator("#register tr", has_text="UBND phường An Bình").inner_text()
    page.click("#remind")
    assert "Đã gửi 1 thông báo" in page.locator(".messages").inner_text()
