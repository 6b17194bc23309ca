"""Reading CSV/XLSX tables with Vietnamese headers, streaming, for every import.

One reader serves units, procedures, dossiers and criteria: it finds the columns by their
header (case-, diacritic- and order-insensitive), yields rows as dicts of stripped strings with
their spreadsheet row number, and collects row/column errors so that an import can refuse the
whole file and name every bad cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any, cast

from django.utils.translation import gettext as _

from core.errors import ApplicationError
from core.text import normalize

MAX_LISTED_ERRORS = 200


@dataclass(frozen=True)
class RowError:
    row: int | None  # the row number a person sees in Excel (header = row 1)
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column:
            return _("Dòng %(row)s, cột «%(column)s»: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message, "text": str(self)}


class ImportFailed(ApplicationError):
    def __init__(self, errors: Sequence[RowError], message: str | None = None) -> None:
        self.errors = list(errors)
        super().__init__(
            message or _("Tệp có %(count)s lỗi, không có dữ liệu nào được ghi.") % {"count": len(self.errors)},
            {"errors": [e.as_dict() for e in self.errors[:MAX_LISTED_ERRORS]]},
        )


@dataclass
class ErrorList:
    """Collects errors over a whole file; `raise_if_any` refuses the import at the end."""

    errors: list[RowError] = field(default_factory=list)

    def add(self, row: int | None, column: str | None, message: str) -> None:
        self.errors.append(RowError(row, column, message))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ImportFailed(self.errors)


@dataclass(frozen=True)
class Column:
    name: str  # the header as the contract writes it, e.g. "Mã TTHC"
    required: bool = True
    aliases: tuple[str, ...] = ()


class Table:
    """An opened table: `columns` found, `rows()` yields (row_number, {column name: text})."""

    def __init__(
        self, raw_rows: Iterator[list[Any]], header: list[Any], columns: Sequence[Column], text_cells: bool = False
    ) -> None:
        self.text_cells = text_cells  # CSV cells are already strings: skip the type checks on the hot path
        self.header = ["" if h is None else str(h).strip() for h in header]
        wanted = {}
        for column in columns:
            for label in (column.name, *column.aliases):
                wanted[normalize(label)] = column
        self.positions: dict[str, int] = {}
        for index, label in enumerate(self.header):
            found = wanted.get(normalize(label))
            if found and found.name not in self.positions:
                self.positions[found.name] = index
        missing = [c.name for c in columns if c.required and c.name not in self.positions]
        if missing:
            raise ImportFailed(
                [RowError(1, name, _("thiếu cột bắt buộc")) for name in missing],
                _("Tệp thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)},
            )
        self._raw_rows = raw_rows

    @property
    def columns(self) -> list[str]:
        return list(self.positions)

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        positions = list(self.positions.items())
        for number, raw in enumerate(self._raw_rows, start=2):
            if self.text_cells:
                if not "".join(raw).strip():
                    continue
                width = len(raw)
                yield number, {name: raw[index].strip() if index < width else "" for name, index in positions}
                continue
            if not raw or all(cell is None or str(cell).strip() == "" for cell in raw):
                continue
            width = len(raw)
            yield number, {name: _cell_text(raw[index]) if index < width else "" for name, index in positions}


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.hour or value.minute:
            return value.strftime("%d/%m/%Y %H:%M")
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def open_table(source: str | Path | IO[bytes], columns: Sequence[Column], filename: str | None = None) -> Table:
    """Open a CSV (UTF-8, with or without BOM; comma, semicolon or tab) or XLSX table."""
    name = (
        filename or (str(source) if isinstance(source, (str, Path)) else getattr(source, "name", None)) or ""
    ).lower()
    stream: IO[bytes] = open(source, "rb") if isinstance(source, (str, Path)) else source  # noqa: SIM115
    if name.endswith((".xlsx", ".xlsm")):
        return _open_xlsx(stream, columns)
    if name.endswith((".csv", ".txt")) or not name:
        return _open_csv(stream, columns)
    raise ImportFailed(
        [RowError(None, None, _("Định dạng tệp không được hỗ trợ: chỉ nhận CSV hoặc XLSX."))],
        _("Định dạng tệp không được hỗ trợ: chỉ nhận CSV hoặc XLSX."),
    )


class _KeepOpen(io.BufferedIOBase):
    """Lets a TextIOWrapper read a caller's stream without closing it when the wrapper goes away."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self._raw = raw

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        return self._raw.read(-1 if size is None else size)

    read1 = read

    def close(self) -> None:  # the caller owns the stream
        pass


def _open_csv(stream: IO[bytes], columns: Sequence[Column]) -> Table:
    text = io.TextIOWrapper(cast(Any, _KeepOpen(stream)), encoding="utf-8-sig", newline="")
    try:
        first = text.readline()
    except UnicodeDecodeError as exc:
        message = _("Tệp CSV không phải UTF-8; hãy lưu lại với mã hóa UTF-8.")
        raise ImportFailed([RowError(None, None, message)], message) from exc
    if not first.strip():
        message = _("Tệp trống: không có dòng tiêu đề.")
        raise ImportFailed([RowError(None, None, message)], message)
    delimiter = max(",;\t", key=first.count)
    header = next(csv.reader([first], delimiter=delimiter))
    reader = csv.reader(_checked_lines(text), delimiter=delimiter)
    return Table(reader, header, columns, text_cells=True)


def _checked_lines(text: io.TextIOWrapper) -> Iterator[str]:
    try:
        yield from text
    except UnicodeDecodeError as exc:
        message = _("Tệp CSV có ký tự không phải UTF-8.")
        raise ImportFailed([RowError(None, None, message)], message) from exc


def _open_xlsx(stream: IO[bytes], columns: Sequence[Column]) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        message = _("Không đọc được tệp Excel (tệp hỏng hoặc không phải XLSX).")
        raise ImportFailed([RowError(None, None, message)], message) from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        message = _("Tệp trống: không có dòng tiêu đề.")
        raise ImportFailed([RowError(None, None, message)], message)
    return Table((list(r) for r in rows), list(header), columns)


# --- cell parsers: raise ValueError with a Vietnamese message naming what was wrong -------------


def parse_date(value: str) -> dt.date | None:
    """'dd/mm/yyyy', optionally followed by 'HH:MM'; also ISO 'yyyy-mm-dd'. Blank gives None."""
    parsed = parse_datetime_naive(value)
    return parsed.date() if parsed else None


def parse_datetime_naive(value: str) -> dt.datetime | None:
    value = value.strip()
    if not value:
        return None
    for fmt in ("%d/%m/%Y %H:%M", "%d/%m/%Y", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(value, fmt)  # noqa: DTZ007 - a wall-clock date from a file
        except ValueError:
            continue
    raise ValueError(_("ngày không hợp lệ «%(value)s» (cần dd/mm/yyyy)") % {"value": value})


def parse_decimal(value: str) -> Decimal | None:
    value = value.strip().replace(" ", "")
    if not value:
        return None
    # Vietnamese spreadsheets write 1,5 for 1.5.
    if "," in value and "." not in value:
        value = value.replace(",", ".")
    try:
        return Decimal(value)
    except InvalidOperation as exc:
        raise ValueError(_("số không hợp lệ «%(value)s»") % {"value": value}) from exc


def parse_int(value: str) -> int | None:
    number = parse_decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise ValueError(_("cần số nguyên, nhận «%(value)s»") % {"value": value})
    return int(number)
