import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import load_workbook
from rest_framework.test import APIClient

from reports.choices import FigureSource, ReportStatus
from reports.services import report_cycle_open, unit_report_accept, unit_report_save, unit_report_submit


@pytest.fixture
def cycle(quarter, district, onestop_sample):
    return report_cycle_open(kind=quarter, year=2026, number=3, owner=district.root)


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_unit_edits_submits_focal_accepts_and_consolidated_docx_carries_its_figures(client, cycle, district):
    report = cycle.reports.get(unit=district.tanphu)
    section = cycle.template.sections.get(code="I.3")
    typed = cycle.template.figure_rows.filter(source=FigureSource.TYPED).get(label__startswith="Số TTHC được rà soát")
    client.force_login(district.officer)
    page = client.get(f"/bao-cao/don-vi/{report.pk}/")
    assert page.status_code == 200 and "Tỷ lệ hồ sơ giải quyết đúng hạn" in page.content.decode()
    response = client.post(
        f"/bao-cao/don-vi/{report.pk}/",
        {
            "action": "submit",
            f"section_{section.pk}": "Rà soát 12 thủ tục, niêm yết đầy đủ.",
            f"figure_{typed.pk}": "12",
            "signed_file": SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 signed"),
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.signed_file_name == "bao-cao.pdf"
    assert client.get(f"/bao-cao/don-vi/{report.pk}/ban-ky-so/").status_code == 200
    assert client.get(f"/bao-cao/ky/{cycle.pk}/tong-hop.docx").status_code == 404  # not the focal point
    client.force_login(district.focal)
    client.post(f"/bao-cao/don-vi/{report.pk}/", {"action": "accept"})
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    response = client.get(f"/bao-cao/ky/{cycle.pk}/tong-hop.docx")
    assert response.status_code == 200
    text = _docx_text(response.content)
    on_time = report.figures.get(row__metric_key="onestop.on_time_rate")
    assert "UBND xã Tân Phú" in text and "Rà soát 12 thủ tục, niêm yết đầy đủ." in text
    assert f"({on_time.numerator}/{on_time.denominator})" in text
    assert "UBND xã An Hòa" in text.split("chưa gửi báo cáo")[-1]  # listed among those that did not report
    assert "BÁO CÁO" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    sheet = load_workbook(io.BytesIO(client.get(f"/bao-cao/ky/{cycle.pk}/tong-hop.xlsx").content)).active
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    tanphu = next(r for r in rows if r[0] == "UBND xã Tân Phú")
    assert "12 thủ tục" in tanphu


def test_return_needs_a_reason_and_bad_numbers_are_form_errors(client, cycle, district):
    report = cycle.reports.get(unit=district.tanphu)
    typed = cycle.template.figure_rows.filter(source=FigureSource.TYPED).first()
    client.force_login(district.officer)
    response = client.post(f"/bao-cao/don-vi/{report.pk}/", {"action": "save", f"figure_{typed.pk}": "mười"})
    assert response.status_code == 200 and "Số không hợp lệ" in response.content.decode()
    unit_report_submit(report=report)
    client.force_login(district.focal)
    client.post(f"/bao-cao/don-vi/{report.pk}/", {"action": "return", "reason": ""})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_scope_outsider_sees_nothing(client, cycle, district):
    report = cycle.reports.get(unit=district.tanphu)
    client.force_login(district.outsider)
    assert client.get(f"/bao-cao/don-vi/{report.pk}/").status_code == 404
    assert client.get(f"/bao-cao/ky/{cycle.pk}/").status_code == 404
    assert client.get(f"/bao-cao/ky/{cycle.pk}/tong-hop.docx").status_code == 404
    assert client.get("/bao-cao/don-vi/abc/").status_code == 404
    other = cycle.reports.exclude(unit=district.tanphu).first()
    client.force_login(district.officer)
    assert client.get(f"/bao-cao/don-vi/{other.pk}/").status_code == 404


def test_pages_render(client, cycle, district):
    client.force_login(district.focal)
    assert "Báo cáo quý III năm 2026" in client.get("/bao-cao/").content.decode()
    page = client.get(f"/bao-cao/ky/{cycle.pk}/").content.decode()
    assert "UBND xã Tân Phú" in page and "Tải báo cáo tổng hợp" in page
    forecast = client.get("/bao-cao/chi-so-766/", {"period": "2026-Q3"}).content.decode()
    assert "ước tính" in forecast and "UBND xã Tân Phú" in forecast and "không tính được" in forecast
    assert client.get("/bao-cao/chi-so-766/", {"period": "xyz", "unit": "abc"}).status_code == 200


def test_open_cycle_from_the_page(client, quarter, district):
    client.force_login(district.focal)
    response = client.post("/bao-cao/", {"kind": quarter.pk, "year": 2027, "number": 1, "owner": district.root.pk})
    assert response.status_code == 302
    client.force_login(district.officer)
    assert client.post("/bao-cao/", {"kind": quarter.pk, "year": 2027, "number": 2}).status_code == 403


def test_api_cycle_report_flow_and_forecast(cycle, district, quarter):
    api = APIClient()
    api.force_authenticate(district.focal)
    assert (
        api.post(
            "/api/v1/reports/cycles/open/", {"kind": "quarter", "year": 2027, "number": 9, "owner": district.root.pk}
        ).status_code
        == 400
    )
    created = api.post(
        "/api/v1/reports/cycles/open/", {"kind": "quarter", "year": 2027, "number": 1, "owner": district.root.pk}
    )
    assert created.status_code == 201 and created.json()["start"] == "2026-12-15"
    report = cycle.reports.get(unit=district.tanphu)
    officer = APIClient()
    officer.force_authenticate(district.officer)
    assert (
        officer.post(
            "/api/v1/reports/cycles/open/", {"kind": "quarter", "year": 2027, "number": 2, "owner": district.root.pk}
        ).status_code
        == 403
    )
    typed = cycle.template.figure_rows.filter(source=FigureSource.TYPED).first()
    body = officer.post(
        f"/api/v1/reports/unit-reports/{report.pk}/content/", {"figures": {str(typed.pk): "4"}}, format="json"
    )
    assert body.status_code == 200
    assert (
        officer.post(
            f"/api/v1/reports/unit-reports/{report.pk}/content/", {"figures": {"x": 1}}, format="json"
        ).status_code
        == 400
    )
    assert officer.post(f"/api/v1/reports/unit-reports/{report.pk}/submit/").json()["status"] == "submitted"
    assert officer.post(f"/api/v1/reports/unit-reports/{report.pk}/accept/").status_code == 403
    assert api.post(f"/api/v1/reports/unit-reports/{report.pk}/return/", {"reason": ""}).status_code == 400
    assert api.post(f"/api/v1/reports/unit-reports/{report.pk}/accept/").json()["status"] == "accepted"
    rate = api.get(f"/api/v1/reports/cycles/{cycle.pk}/rate/").json()
    assert rate["total"] == 5 and rate["submitted"] == 1
    forecast = api.get("/api/v1/reports/index766/", {"from": "2026-06-15", "to": "2026-09-14"}).json()
    assert forecast["estimate"] is True and any(u["unit"] == "UBND xã Tân Phú" for u in forecast["units"])
    assert api.get("/api/v1/reports/index766/", {"from": "x"}).status_code == 400
    assert (
        api.get("/api/v1/reports/index766/", {"from": "2026-06-15", "to": "2026-09-14", "unit": "z"}).status_code == 404
    )
    assert (
        api.get("/api/v1/reports/index766/", {"from": "2026-06-15", "to": "2026-09-14", "unit": "²"}).status_code == 404
    )
    outsider = APIClient()
    outsider.force_authenticate(district.outsider)
    assert outsider.get(f"/api/v1/reports/unit-reports/{report.pk}/").status_code == 404
    assert outsider.get("/api/v1/reports/index766/", {"from": "2026-06-15", "to": "2026-09-14"}).json()["units"] == []


def test_consolidated_docx_lists_typed_totals(cycle, district):
    from reports.exports import consolidated_docx

    typed = cycle.template.figure_rows.filter(source=FigureSource.TYPED).first()
    for unit in (district.tanphu, district.communes["UBND xã An Hòa"]):
        report = cycle.reports.get(unit=unit)
        unit_report_save(report=report, texts={}, figures={typed.pk: 5})
        unit_report_submit(report=report)
        unit_report_accept(report=report)
    text = _docx_text(consolidated_docx(cycle))
    assert f"{typed.label}: 10 {typed.unit_label}" in text


def test_query_counts_do_not_grow_with_units(client, cycle, district, django_assert_max_num_queries):
    client.force_login(district.focal)
    with django_assert_max_num_queries(20):
        assert client.get(f"/bao-cao/ky/{cycle.pk}/").status_code == 200
    api = APIClient()
    api.force_authenticate(district.focal)
    with django_assert_max_num_queries(15):
        assert api.get("/api/v1/reports/unit-reports/", {"cycle": cycle.pk}).status_code == 200


def test_a_program_named_pdf_is_refused_as_the_signed_file(cycle, district):
    """The signed report goes through the upload policy (core.files): the content decides, not the name."""
    from core.errors import ApplicationError

    report = cycle.reports.get(unit=district.tanphu)
    with pytest.raises(ApplicationError, match="chương trình"):
        unit_report_save(
            report=report,
            texts={},
            figures={},
            signed_file=SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 a Windows program"),
        )
    report.refresh_from_db()
    assert not report.signed_file and report.signed_file_name == ""
