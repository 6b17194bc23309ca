"""The self-assessment table (XLSX, the usual layout) and the report in the state format (Word)."""

from __future__ import annotations

from django.utils import timezone

from core.exports import OfficialDocument, add_table, official_docx, xlsx_bytes
from parindex.models import Assessment
from parindex.selectors import assessment_rows, assessment_totals

HEADERS = ["Mã", "Nội dung", "Điểm tối đa", "Điểm tự đánh giá", "Điểm thẩm định", "Tài liệu kiểm chứng"]


def _table(assessment: Assessment) -> list[list]:
    rows = []
    for row in assessment_rows(assessment):
        evidence = "; ".join(str(e) for e in row.score.evidence.all()) if row.score else ""
        rows.append(
            [
                row.criterion.code,
                row.criterion.content,
                float(row.criterion.max_points),
                float(row.self_total) if row.self_total is not None else None,
                float(row.appraised_total) if row.appraised_total is not None else None,
                evidence,
            ]
        )
    return rows


def assessment_xlsx(assessment: Assessment) -> bytes:
    totals = assessment_totals(assessment)
    rows = _table(assessment)
    rows.append(
        [
            "",
            "Tổng cộng",
            100.0,
            float(totals.self_total),
            float(totals.appraised_total) if totals.appraised_total is not None else None,
            "",
        ]
    )
    title = f"Bảng tự đánh giá Chỉ số CCHC năm {assessment.criteria_set.year} – {assessment.unit.display_name}"
    return xlsx_bytes(HEADERS, rows, title=title)


def assessment_docx(assessment: Assessment) -> bytes:
    totals = assessment_totals(assessment)
    unit = assessment.unit
    doc = OfficialDocument(
        issuing_body=unit.display_name,
        parent_body=unit.parent.display_name if unit.parent else "",
        number="Số:      /BC-UBND",
        place=unit.short_name.replace("UBND ", "").replace("xã ", "").replace("phường ", ""),
        date=timezone.localdate(),
        doc_type="BÁO CÁO",
        summary=f"Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {assessment.criteria_set.year}",
        signer_title="CHỦ TỊCH",
        signer_name="",
        recipients=["Như trên", "Lưu: VT"],
    )

    def body(document):
        document.add_paragraph(
            f"Thực hiện bộ chỉ số «{assessment.criteria_set.name}», {unit.display_name} báo cáo kết quả tự đánh "
            f"giá như sau: tổng điểm tự đánh giá {totals.self_total} điểm"
            + (f"; điểm thẩm định {totals.appraised_total} điểm." if totals.appraised_total is not None else ".")
        )
        document.add_paragraph("I. KẾT QUẢ THEO LĨNH VỰC")
        add_table(
            document,
            ["Mã", "Lĩnh vực", "Điểm tối đa", "Tự đánh giá", "Thẩm định", "Tỷ lệ (%)"],
            [[f["code"], f["content"], f["max"], f["self"], f["appraised"], f["percent"]] for f in totals.fields],
        )
        document.add_paragraph("II. CHI TIẾT TIÊU CHÍ")
        add_table(document, HEADERS, _table(assessment))

    return official_docx(doc, body)
