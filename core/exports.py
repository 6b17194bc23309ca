"""XLSX and Word (state document format, Decree 30/2020) exports shared by every app."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class Percent(float):
    """A rate (0.5583) that the workbook shows as a percentage (55.83 %) and keeps as a number."""


def _typed(value: Any) -> Any:
    # openpyxl refuses timezone-aware datetimes: a local wall-clock time is what the reader expects.
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        from django.utils import timezone

        return timezone.localtime(value).replace(tzinfo=None)
    return value


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]], title: str = "", sheet: str = "Dữ liệu") -> bytes:
    """A one-sheet workbook: optional title row, bold header, dates as dates (dd/mm/yyyy), datetimes in local
    time, `Percent` values as percentages."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook(write_only=False)
    ws = workbook.active
    ws.title = sheet[:31]
    if title:
        ws.append([title])
        ws.cell(row=1, column=1).font = Font(bold=True, size=13)
        ws.append([])
    ws.append(list(headers))
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        values = [_typed(v) for v in row]
        ws.append(values)
        for cell, value in zip(ws[ws.max_row], values, strict=False):
            if isinstance(value, dt.datetime):
                cell.number_format = "DD/MM/YYYY HH:MM"
            elif isinstance(value, dt.date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(value, Percent):
                cell.number_format = "0.00%"
    for index, header in enumerate(headers, start=1):
        ws.column_dimensions[ws.cell(row=header_row, column=index).column_letter].width = max(
            10, min(60, len(str(header)) + 6)
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def file_response(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    stem, _, ext = filename.rpartition(".")
    safe = slugify(stem) or "tiendo"
    response["Content-Disposition"] = f'attachment; filename="{safe}.{ext}"'
    return response


def xlsx_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], title: str = ""
) -> HttpResponse:
    return file_response(xlsx_bytes(headers, rows, title=title), filename, XLSX_CONTENT_TYPE)


@dataclass
class OfficialDocument:
    """The parts of an administrative document (Decree 30/2020, Appendix I)."""

    issuing_body: str  # e.g. "UBND HUYỆN CHÂU THÀNH"
    parent_body: str = ""  # e.g. the body above, printed over the issuing body
    number: str = "Số:      /BC-UBND"
    place: str = ""
    date: dt.date | None = None
    doc_type: str = "BÁO CÁO"
    summary: str = ""
    signer_title: str = ""
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)


def official_docx(doc: OfficialDocument, body) -> bytes:
    """Render `doc`'s heading and signature around `body(document)` which adds the content."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    section = document.sections[0]
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)

    heading = document.add_table(rows=1, cols=2)
    left, right = heading.rows[0].cells
    left.text = ""
    p = left.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if doc.parent_body:
        p.add_run(doc.parent_body.upper() + "\n")
    p.add_run(doc.issuing_body.upper()).bold = True
    p2 = left.add_paragraph(doc.number)
    p2.alignment = WD_ALIGN_PARAGRAPH.CENTER
    q = right.paragraphs[0]
    q.alignment = WD_ALIGN_PARAGRAPH.CENTER
    q.add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n").bold = True
    q.add_run("Độc lập - Tự do - Hạnh phúc").bold = True
    date = doc.date or dt.date.today()
    q2 = right.add_paragraph()
    q2.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = q2.add_run(f"{doc.place}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}")
    run.italic = True

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("\n" + doc.doc_type.upper()).bold = True
    if doc.summary:
        summary = document.add_paragraph()
        summary.alignment = WD_ALIGN_PARAGRAPH.CENTER
        summary.add_run(doc.summary).bold = True

    body(document)

    closing = document.add_table(rows=1, cols=2)
    recipients_cell, signer_cell = closing.rows[0].cells
    r = recipients_cell.paragraphs[0]
    r.add_run("Nơi nhận:").bold = True
    r.runs[0].italic = True
    for name in doc.recipients:
        line = recipients_cell.add_paragraph(f"- {name};")
        line.runs[0].font.size = Pt(11)
    s = signer_cell.paragraphs[0]
    s.alignment = WD_ALIGN_PARAGRAPH.CENTER
    s.add_run(doc.signer_title.upper()).bold = True
    name_p = signer_cell.add_paragraph("\n\n\n" + doc.signer_name)
    name_p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if name_p.runs:
        name_p.runs[0].bold = True

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_table(document, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A bordered table with a bold header row, for report bodies."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = str(header)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            if isinstance(value, dt.date):
                value = value.strftime("%d/%m/%Y")
            cell.text = "" if value is None else str(value)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is written as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def xlsx_stream_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], title: str = "", sheet: str = "Dữ liệu"
):
    """A large table as XLSX without holding it in memory: openpyxl's write-only mode writes the rows to a
    temporary file as they come, and the response streams that file in chunks."""
    import tempfile

    from django.http import FileResponse
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(sheet[:31])
    for index, header in enumerate(headers, start=1):
        ws.column_dimensions[_column_letter(index)].width = max(10, min(60, len(str(header)) + 6))
    if title:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = Font(bold=True, size=13)
        ws.append([cell])
        ws.append([])
    bold = []
    for header in headers:
        cell = WriteOnlyCell(ws, value=_plain(str(header)))
        cell.font = Font(bold=True)
        bold.append(cell)
    ws.append(bold)
    for row in rows:
        values = []
        for value in row:
            if isinstance(value, (dt.date, dt.datetime)):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = "DD/MM/YYYY"
                values.append(cell)
            else:
                values.append(_plain(value))
        ws.append(values)
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the response when it is sent
    workbook.save(spool)
    spool.seek(0)
    stem, _, ext = filename.rpartition(".")
    return FileResponse(
        spool, as_attachment=True, filename=f"{slugify(stem) or 'tiendo'}.{ext}", content_type=XLSX_CONTENT_TYPE
    )


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)
