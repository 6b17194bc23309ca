import pytest

from organizations.choices import Role
from organizations.tests.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HEADER = "Mã hồ sơ,Mã TTHC,Đơn vị tiếp nhận,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trả kết quả qua BCCI\n"


def _check_file(page, live_server, path, first=True):
    """On the import page, choose dossiers and a file, and press «Kiểm tra tệp»."""
    if first:
        page.goto(f"{live_server.url}/mot-cua/nhap/")
        page.select_option("select[name=kind]", "dossiers")
    page.set_input_files("input[name=file]", str(path))
    page.click("text=Kiểm tra tệp")


def test_upload_error_then_fixed_file_then_figures(live_server, login, sample_units, make_procedure, tmp_path):
    make_procedure("1.000001")
    user = UserFactory(username="focal_browser")
    MembershipFactory(user=user, unit=sample_units, role=Role.FOCAL_POINT)
    bad = tmp_path / "ho-so-loi.csv"
    bad.write_text(HEADER + "B1,1.000001,UBND xã Tân Phú,Trực tuyến,31/02/2026,05/08/2026,,Không\n", encoding="utf-8")
    good = tmp_path / "ho-so.csv"
    good.write_text(HEADER + "B1,1.000001,UBND xã Tân Phú,Trực tuyến,20/07/2026,05/08/2026,,Không\n", encoding="utf-8")

    page = login(user)
    _check_file(page, live_server, bad)
    assert "Dòng 2, cột «Ngày tiếp nhận»" in page.locator("#import-errors").inner_text()

    _check_file(page, live_server, good, first=False)
    page.click("text=Xác nhận nhập")
    page.goto(f"{live_server.url}/mot-cua/?period=2026-Q3")
    figures = page.locator("#unit-figures").inner_text()
    assert "UBND xã Tân Phú" in figures
    assert "100%" in figures  # the only dossier is online and online-capable


def test_large_file_is_followed_on_its_job_page_until_imported(
    live_server, login, sample_units, make_procedure, tmp_path, settings
):
    from django.core.management import call_command

    settings.IMPORT_INLINE_MAX_MB = 0  # every file goes to the task worker
    make_procedure("1.000001")
    user = UserFactory(username="focal_big")
    MembershipFactory(user=user, unit=sample_units, role=Role.FOCAL_POINT)
    big = tmp_path / "ho-so-ca-nam.csv"
    big.write_text(HEADER + "L1,1.000001,UBND xã Tân Phú,Trực tuyến,20/07/2026,05/08/2026,,Không\n", encoding="utf-8")

    page = login(user)
    _check_file(page, live_server, big)
    assert page.locator("#import-job-state").inner_text() == "Đang kiểm tra tệp"

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)  # the worker checks the file
    page.locator("#import-ready").wait_for()  # the page polled and shows the result without a reload
    assert "1 dòng: 1 tạo mới" in page.locator("#import-ready").inner_text()
    page.click("text=Xác nhận nhập")
    assert page.locator("#import-job-state").inner_text() == "Đang nhập"

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)  # the worker imports it
    page.locator("#import-done").wait_for()
    page.click("text=Xem số liệu")
    page.goto(f"{live_server.url}/mot-cua/?period=2026-Q3")
    assert "UBND xã Tân Phú" in page.locator("#unit-figures").inner_text()
