import pytest
from docx import Document

from reports.models import ReportCycle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _docx_text(path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_quarter_cycle_unit_submits_focal_accepts_docx_and_forecast(
    live_server, login, page, district, onestop_sample, tmp_path
):
    questions = []  # opening the cycle and sending the report ask first (data-confirm): say yes, keep the text
    page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    login(district.focal)
    page.goto(f"{live_server.url}/bao-cao/")
    page.select_option("select[name=kind]", label="Báo cáo quý")
    page.fill("input[name=year]", "2026")
    page.fill("input[name=number]", "3")
    page.select_option("select[name=owner]", label="UBND huyện Châu Thành")
    page.click("#open-cycle button[type=submit]")
    assert "Báo cáo quý III năm 2026" in page.locator("h1").inner_text()
    assert questions and "Mở kỳ báo cáo?" in questions[0]
    assert "UBND xã Tân Phú" in page.locator("#unit-reports").inner_text()
    cycle = ReportCycle.objects.get()
    report = cycle.reports.get(unit=district.tanphu)
    on_time = report.figures.get(row__metric_key="onestop.on_time_rate")
    shown = f"({on_time.numerator}/{on_time.denominator})"

    page.click("text=Đăng xuất")
    login(district.officer)
    page.goto(f"{live_server.url}/bao-cao/")
    page.click("#my-reports a")
    assert shown in page.locator("#figures").inner_text()  # pre-filled from the one-stop figures
    section = cycle.template.sections.get(code="I.3")
    page.fill(f"textarea[name=section_{section.pk}]", "Rà soát 12 thủ tục, niêm yết đầy đủ tại Bộ phận Một cửa.")
    typed = cycle.template.figure_rows.get(label__startswith="Số TTHC được rà soát")
    page.fill(f"input[name=figure_{typed.pk}]", "12")
    signed = tmp_path / "bao-cao-quy-3.pdf"
    signed.write_bytes(b"%PDF-1.4 bao cao da ky")
    page.set_input_files("input[name=signed_file]", str(signed))
    page.click("button[value=submit]")
    assert page.locator("#status").inner_text() == "Đã gửi"

    page.click("text=Đăng xuất")
    login(district.focal)
    page.goto(f"{live_server.url}/bao-cao/don-vi/{report.pk}/")
    page.click("#review button[value=accept]")
    assert page.locator("#status").inner_text() == "Đã tiếp nhận"
    page.goto(f"{live_server.url}/bao-cao/ky/{cycle.pk}/")
    assert "Đã gửi 1/5" in page.locator("#rate").inner_text()
    with page.expect_download() as download:
        page.click("#export-docx")
    path = tmp_path / "tong-hop.docx"
    download.value.save_as(path)
    text = _docx_text(path)
    assert "UBND xã Tân Phú" in text and shown in text
    assert "Rà soát 12 thủ tục, niêm yết đầy đủ tại Bộ phận Một cửa." in text
    assert "12 thủ tục" in text

    page.goto(f"{live_server.url}/bao-cao/chi-so-766/?period=2026-Q3&unit={district.tanphu.pk}")
    card = page.locator(f"#forecast-{district.tanphu.pk}").inner_text()
    assert "ước tính" in card and "Ba khoảng cách lớn nhất" in card
    assert "hồ sơ trực tuyến nữa" in card and "không tính được" in card
