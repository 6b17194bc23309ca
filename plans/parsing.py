"""Reading a plan's task table (DOMAIN §9) from .docx, .xlsx or .csv — pure Python, no database.

The table is found by its header row (a task column and a lead-unit column, any order, extra columns
ignored, title rows above it); a row with no lead unit, coordinators, deadline or output is a section
heading; units in a cell are split like directive recipients (the conclusion parser's `split_units`) and on
line breaks; deadline cells follow the conclusion parser's rules (`parse_deadline`) with the plan's year.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.translation import gettext as _

from assignments.parsing import parse_deadline, split_units
from core.tabular import RowError
from core.text import normalize

TASK, LEAD, COORDINATORS, DEADLINE, OUTPUT, NUMBER = "task", "lead", "coordinators", "deadline", "output", "number"

HEADERS: dict[str, tuple[str, ...]] = {
    TASK: ("Nội dung nhiệm vụ", "Nhiệm vụ", "Nội dung", "Nội dung công việc", "Tên nhiệm vụ"),
    LEAD: ("Cơ quan chủ trì", "Đơn vị chủ trì", "Chủ trì", "Cơ quan, đơn vị chủ trì", "Đơn vị thực hiện"),
    COORDINATORS: ("Cơ quan phối hợp", "Đơn vị phối hợp", "Phối hợp", "Cơ quan, đơn vị phối hợp"),
    DEADLINE: ("Thời gian hoàn thành", "Thời gian thực hiện", "Thời hạn", "Thời hạn hoàn thành"),
    OUTPUT: ("Sản phẩm", "Sản phẩm đầu ra", "Kết quả", "Kết quả, sản phẩm"),
    NUMBER: ("STT", "TT", "Số TT", "Số thứ tự"),
}
_LOOKUP = {normalize(label): key for key, labels in HEADERS.items() for label in labels}
HEADER_SCAN_ROWS = 30  # title rows above the header

_WHOLE_YEAR_RE = re.compile(r"^(?:ca|trong|suot)\s+nam$|^hang nam$")
_HALF_RE = re.compile(r"^(?:trong\s+)?6\s+thang\s+(dau|cuoi)\s+nam$")
_DATE_LIKE_RE = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b")
_CUES = ("truoc", "cham nhat", "muon nhat", "han chot", "thoi han", "khong qua", "den", "trong", "hoan thanh", "xong")
_NO_DEADLINE_RE = re.compile(r"\bthuong xuyen\b|\bdinh ky\b|\bhang (?:quy|thang|tuan|ngay)\b|\bkip thoi\b|\bkhi co\b")
_DAY_MONTH_RE = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\b(?!\s*/)")
_SECTION_MARK_RE = re.compile(r"^\s*(?P<mark>[IVXLC]+|[A-Z]|\d+|[a-zđ])\s*[.)]?\s*$")


@dataclass
class ParsedTask:
    row: int  # the table row a person sees (header = its own row number)
    section: str | None
    text: str
    recipients: list[str]
    coordinators: list[str]
    deadline: dt.date | None
    output: str
    number: str = ""
    deadline_text: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "text": self.text,
            "recipients": self.recipients,
            "coordinators": self.coordinators,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "output": self.output,
        }


@dataclass
class ParsedSection:
    title: str
    level: int  # 1 for I., II., A.; 2 for 1., a) beneath them
    row: int


@dataclass
class ParsedPlan:
    sections: list[ParsedSection] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    number: str = ""  # "Số: 05/KH-UBND" from a Word document's heading
    date: dt.date | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"sections": [s.title for s in self.sections], "tasks": [t.as_dict() for t in self.tasks]}


class PlanFileError(ValueError):
    """The file cannot be read as a plan at all (no table, wrong format); the message is Vietnamese."""


# --- Cells ---------------------------------------------------------------------------------------


def _clean(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\u00a0", " ").replace("\r\n", "\n").replace("\r", "\n")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def split_cell_units(cell: str, *, known_units: Iterable[str] = ()) -> list[str]:
    """Units of a cell: one or more per line, split like directive recipients."""
    known = list(known_units)
    names: list[str] = []
    for line in cell.split("\n"):
        line = line.strip().lstrip("-+•").strip()
        if not line:
            continue
        parts = split_units(line, known_units=known) or [line]
        names += [p.strip(" ,;.") for p in parts if p.strip(" ,;.")]
    return names


def parse_deadline_cell(value: Any, *, year: int) -> dt.date | None:
    """A deadline cell (DOMAIN §9) with the plan's year for what leaves the year out.
    Raises ValueError with a Vietnamese message for an impossible date such as 31/02/2027."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _clean(value).replace("\n", " ")
    if not text:
        return None
    # "Trước 15/02": a day and month without a year take the plan's year.
    norm = _DAY_MONTH_RE.sub(rf"\1/\2/{year}", normalize(text).rstrip(" ."))
    for match in _DATE_LIKE_RE.finditer(norm):
        day, month, yyyy = (int(g) for g in match.groups())
        try:
            dt.date(yyyy, month, day)
        except ValueError:
            raise ValueError(_("ngày không có thật «%(value)s»") % {"value": match.group(0)}) from None
    if _NO_DEADLINE_RE.search(norm):
        return None
    if _WHOLE_YEAR_RE.match(norm):
        return dt.date(year, 12, 31)
    half = _HALF_RE.match(norm)
    if half:
        return dt.date(year, 6, 30) if half.group(1) == "dau" else dt.date(year, 12, 31)
    try:  # a bare date "15/02/2027"
        return dt.datetime.strptime(norm, "%d/%m/%Y").date()  # noqa: DTZ007 - a date from a document
    except ValueError:
        pass
    phrase = norm if norm.startswith(_CUES) else f"trong {norm}"
    return parse_deadline(phrase, reference=dt.date(year, 1, 1))


# --- Rows -> plan -------------------------------------------------------------------------------


def _header_map(cells: Sequence[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = _LOOKUP.get(normalize(cell.replace("\n", " ")))
        if key and key not in found:
            found[key] = index
    return found if TASK in found and LEAD in found else None


def _section_level(title: str) -> int:
    first = title.split(None, 1)[0] if title.split() else ""
    mark = first.rstrip(".)")
    if re.fullmatch(r"[IVXLC]+", mark) or re.fullmatch(r"[A-Z]", mark):
        return 1
    return 2


def _section_title(cells: Sequence[str], columns: dict[str, int]) -> str:
    """A heading row's text as written; "I" in the STT column and the title in the task column join."""
    parts = list(dict.fromkeys(c for c in cells if c))
    if len(parts) >= 2 and _SECTION_MARK_RE.match(parts[0]):
        mark = parts[0].strip()
        return f"{mark if mark.endswith(('.', ')')) else mark + '.'} {' '.join(parts[1:])}".replace("\n", " ")
    return " ".join(parts).replace("\n", " ")


def parse_rows(rows: Iterable[tuple[int, Sequence[Any]]], *, year: int, known_units: Iterable[str] = ()) -> ParsedPlan:
    """Rows (number, cells) of a table with its header somewhere near the top."""
    known = list(known_units)
    plan = ParsedPlan()
    columns: dict[str, int] | None = None
    section: ParsedSection | None = None
    scanned = 0
    for number, raw in rows:
        cells = [_clean(c) for c in raw]
        if columns is None:
            scanned += 1
            columns = _header_map(cells)
            if columns is None and scanned >= HEADER_SCAN_ROWS:
                break
            continue

        def cell(key: str, cells: list[str] = cells, found: dict[str, int] = columns) -> str:
            index = found.get(key)
            return cells[index] if index is not None and index < len(cells) else ""

        if not any(cells):
            continue
        task, lead = cell(TASK), cell(LEAD)
        deadline_index = columns.get(DEADLINE)
        deadline_raw = raw[deadline_index] if deadline_index is not None and deadline_index < len(raw) else None
        rest = [cell(COORDINATORS), cell(DEADLINE), cell(OUTPUT)]
        distinct = set(c for c in cells if c)
        if (not lead and not any(rest)) or (len(distinct) == 1 and lead and lead == task):
            title = _section_title(cells, columns)
            section = ParsedSection(title=title, level=_section_level(title), row=number)
            plan.sections.append(section)
            continue
        if not task:
            plan.errors.append(RowError(number, HEADERS[TASK][0], _("thiếu nội dung nhiệm vụ")))
            continue
        if not lead:
            plan.errors.append(RowError(number, HEADERS[LEAD][0], _("thiếu cơ quan chủ trì")))
            continue
        try:
            deadline = parse_deadline_cell(deadline_raw, year=year)
        except ValueError as exc:
            plan.errors.append(RowError(number, HEADERS[DEADLINE][0], str(exc)))
            continue
        plan.tasks.append(
            ParsedTask(
                row=number,
                section=section.title if section else None,
                text=task.replace("\n", " "),
                recipients=split_cell_units(lead, known_units=known),
                coordinators=split_cell_units(cell(COORDINATORS), known_units=known),
                deadline=deadline,
                output=cell(OUTPUT).replace("\n", " "),
                number=cell(NUMBER),
                deadline_text=cell(DEADLINE).replace("\n", " "),
            )
        )
    if columns is None:
        raise PlanFileError(
            _("Không tìm thấy bảng nhiệm vụ: cần một dòng tiêu đề có cột «Nội dung nhiệm vụ» và cột «Cơ quan chủ trì».")
        )
    if not plan.tasks and not plan.errors:
        raise PlanFileError(_("Bảng nhiệm vụ không có nhiệm vụ nào."))
    return plan


# --- Files -> rows -------------------------------------------------------------------------------


def _docx_tables(data: bytes) -> tuple[list[list[list[str]]], str]:
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken file
        raise PlanFileError(_("Không đọc được tệp Word (tệp hỏng hoặc không phải .docx).")) from exc
    tables = []
    for table in document.tables:
        rows = []
        for row in table.rows:
            seen: set[int] = set()
            cells = []
            for cell in row.cells:  # a merged cell comes back once per grid column it spans
                key = id(cell._tc)
                cells.append("" if key in seen else "\n".join(p.text for p in cell.paragraphs))
                seen.add(key)
            rows.append(cells)
        tables.append(rows)
    heading = "\n".join(p.text for p in document.paragraphs[:15])
    return tables, heading


def parse_plan_file(
    source: IO[bytes] | bytes, *, filename: str, year: int, known_units: Iterable[str] = ()
) -> ParsedPlan:
    """The task table of a .docx (the first table whose header has a task and a lead-unit column),
    .xlsx (first sheet) or .csv file. Raises PlanFileError when no such table can be read."""
    data = source if isinstance(source, bytes) else source.read()
    name = filename.lower()
    known = list(known_units)
    if name.endswith(".docx"):
        from assignments.parsing import document_header

        tables, heading = _docx_tables(data)
        for table in tables:
            if any(_header_map([_clean(c) for c in row]) for row in table[:HEADER_SCAN_ROWS]):
                plan = parse_rows(enumerate(table, start=1), year=year, known_units=known)
                plan.number, plan.date = document_header(heading)
                return plan
        raise PlanFileError(
            _(
                "Không tìm thấy bảng nhiệm vụ trong văn bản: cần một bảng có cột «Nội dung nhiệm vụ» và cột "
                "«Cơ quan chủ trì»."
            )
        )
    if name.endswith((".xlsx", ".xlsm")):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise PlanFileError(_("Không đọc được tệp Excel (tệp hỏng hoặc không phải XLSX).")) from exc
        sheet = workbook.worksheets[0]
        rows = enumerate((list(r) for r in sheet.iter_rows(values_only=True)), start=1)
        return parse_rows(rows, year=year, known_units=known)
    if name.endswith((".csv", ".txt")):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PlanFileError(_("Tệp CSV không phải UTF-8; hãy lưu lại với mã hóa UTF-8.")) from exc
        first = text.split("\n", 1)[0]
        delimiter = max(",;\t", key=lambda d: text[:2000].count(d)) if first else ","
        rows_csv = enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1)
        return parse_rows(rows_csv, year=year, known_units=known)
    raise PlanFileError(_("Định dạng tệp không được hỗ trợ: chỉ nhận .docx, .xlsx hoặc .csv."))
