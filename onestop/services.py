"""Imports of the one-stop data: the procedure catalogue and the dossier export.

Both are all-or-nothing (one transaction; any bad row → nothing written, every bad row named) and
idempotent (upsert by key; an unchanged row is not rewritten). The dossier import streams the file and
writes in batches through a staging table (PostgreSQL COPY, SQLite executemany) so that a million rows
import in well under a minute with flat memory.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.db import connection, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core import generations
from core.iterators import read_ahead
from core.tabular import Column, ErrorList, ImportFailed, RowError, Table, open_table, parse_date, parse_int
from core.text import normalize
from onestop.choices import Channel
from onestop.models import Dossier, Procedure, ServiceLevel
from onestop.selectors import GENERATION
from organizations.models import Unit
from organizations.selectors import UnitNameIndex

PROCEDURE_COLUMNS = [
    Column("Mã TTHC"),
    Column("Tên TTHC"),
    Column("Lĩnh vực", required=False),
    Column("Cấp thực hiện", required=False),
    Column("Mức độ DVC"),
    Column("Số ngày giải quyết", required=False),
    # Optional, for the Decision 766 forecast (reports app): kept unchanged when a file lacks them.
    Column("Ngày quyết định công bố", required=False),
    Column("Ngày công khai", required=False),
]
PROCEDURE_DATES = {"Ngày quyết định công bố": "announced_on", "Ngày công khai": "published_on"}
DOSSIER_COLUMNS = [
    Column("Mã hồ sơ"),
    Column("Mã TTHC"),
    Column("Đơn vị tiếp nhận"),
    Column("Kênh nộp"),
    Column("Ngày tiếp nhận"),
    Column("Ngày hẹn trả"),
    Column("Ngày có kết quả"),
    Column("Trả kết quả qua BCCI"),
    Column("Đơn vị giải quyết", required=False),
    # Optional, for the Decision 766 forecast (reports app); files without them stay valid.
    Column("Thanh toán trực tuyến", required=False),
    Column("Số hóa thành phần hồ sơ", required=False),
    Column("Kết quả điện tử", required=False),
    Column("Số lần yêu cầu bổ sung", required=False),
]
OPTIONAL_FLAGS = {
    "Thanh toán trực tuyến": "online_payment",
    "Số hóa thành phần hồ sơ": "digitised",
    "Kết quả điện tử": "electronic_result",
}
CHANNELS = {
    "truc tiep": Channel.IN_PERSON,
    "truc tuyen": Channel.ONLINE,
    "buu chinh cong ich": Channel.POSTAL,
    "buu chinh": Channel.POSTAL,
    "bcci": Channel.POSTAL,
}
YES = {"co", "x", "1", "yes", "true", "dung"}
NO = {"khong", "0", "no", "false", ""}
MAX_ERRORS_KEPT = 1000
BATCH_SIZE = 5000
ANALYZE_AFTER_ROWS = 10_000


@dataclass
class ImportSummary:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # The file's own period (dates of receipt), for a link to its figures after the import.
    received_from: dt.date | None = None
    received_to: dt.date | None = None

    def __str__(self) -> str:
        counts = {
            key: number_format(getattr(self, key), force_grouping=True)
            for key in ("rows", "created", "updated", "unchanged")
        }
        return _("%(rows)s dòng: %(created)s tạo mới, %(updated)s cập nhật, %(unchanged)s không đổi") % counts


def _service_level_index() -> dict[str, ServiceLevel]:
    index: dict[str, ServiceLevel] = {}
    for level in ServiceLevel.objects.all():
        for label in (level.code, level.name, *level.aliases.splitlines()):
            if label.strip():
                index[normalize(label)] = level
    return index


def _service_level(text: str, index: dict[str, ServiceLevel]) -> ServiceLevel | None:
    key = normalize(text)
    return index.get(key) or index.get(key.removeprefix("muc do ").removeprefix("muc ").strip())


@transaction.atomic
def procedures_import(*, source: str | Path | IO[bytes], filename: str | None = None) -> ImportSummary:
    table = open_table(source, PROCEDURE_COLUMNS, filename=filename)
    levels = _service_level_index()
    dated = [column for column in PROCEDURE_DATES if column in table.columns]
    errors = ErrorList()
    parsed: dict[str, dict] = {}
    seen: dict[str, int] = {}
    for number, row in table.rows():
        code = row["Mã TTHC"]
        if not code:
            errors.add(number, "Mã TTHC", _("không được để trống"))
        elif code in seen:
            errors.add(number, "Mã TTHC", _("trùng với dòng %(row)s") % {"row": seen[code]})
        seen[code] = number
        if not row["Tên TTHC"]:
            errors.add(number, "Tên TTHC", _("không được để trống"))
        level = _service_level(row["Mức độ DVC"], levels)
        if level is None:
            errors.add(number, "Mức độ DVC", _("mức độ không hợp lệ «%(value)s»") % {"value": row["Mức độ DVC"]})
        try:
            days = parse_int(row.get("Số ngày giải quyết", ""))
        except ValueError as exc:
            errors.add(number, "Số ngày giải quyết", str(exc))
            days = None
        parsed[code] = {
            "name": row["Tên TTHC"],
            "field": row.get("Lĩnh vực", ""),
            "tier": row.get("Cấp thực hiện", ""),
            "service_level": level,
            "processing_days": days,
        }
        for column in dated:
            try:
                parsed[code][PROCEDURE_DATES[column]] = parse_date(row[column]) if row[column] else None
            except ValueError as exc:
                errors.add(number, column, str(exc))
    errors.raise_if_any()
    summary = ImportSummary(rows=len(parsed))
    existing = {p.code: p for p in Procedure.objects.filter(code__in=parsed)}
    to_create, to_update = [], []
    fields = ["name", "field", "tier", "service_level", "processing_days", *(PROCEDURE_DATES[c] for c in dated)]
    for code, values in parsed.items():
        procedure = existing.get(code)
        if procedure is None:
            to_create.append(Procedure(code=code, **values))
        elif any(getattr(procedure, f) != values[f] for f in fields):
            for f in fields:
                setattr(procedure, f, values[f])
            to_update.append(procedure)
        else:
            summary.unchanged += 1
    Procedure.objects.bulk_create(to_create, batch_size=1000)
    Procedure.objects.bulk_update(to_update, [*fields, "updated_at"], batch_size=1000)
    summary.created, summary.updated = len(to_create), len(to_update)
    if to_create or to_update:
        generations.bump(GENERATION)  # the figures depend on which procedures are online-capable
    return summary


def _fast_date(value: str, memo: dict[str, dt.date | None]) -> dt.date | None:
    # The hot path of a million-row import: 'dd/mm/yyyy' (optionally ' HH:MM'), where a year holds a few hundred
    # distinct days, is parsed once per day; anything else goes through the general parser.
    if len(value) >= 10 and value[2] == "/" and value[5] == "/" and (len(value) == 10 or value[10] == " "):
        day = value[:10]
        if day not in memo:
            try:
                memo[day] = dt.date(int(value[6:10]), int(value[3:5]), int(value[0:2]))
            except ValueError:
                return parse_date(value)
        return memo[day]
    return parse_date(value)


def _lookup(memo: dict, text: str, compute):
    # A file repeats a handful of spellings a million times: normalise each spelling once.
    if text not in memo:
        memo[text] = compute(text)
    return memo[text]


class _UnitResolver:
    """Receiving-unit names → unit ids, with one cache entry per distinct name."""

    def __init__(self) -> None:
        self.index = UnitNameIndex(units=Unit.objects.all())
        self.cache: dict[str, int | None] = {}
        self.unknown: dict[str, list[int]] = defaultdict(list)

    def __call__(self, name: str, row: int) -> int | None:
        if name not in self.cache:
            unit = self.index.unit(name)
            self.cache[name] = unit.pk if unit else None
        unit_id = self.cache[name]
        if unit_id is None:
            self.unknown[name].append(row)
        return unit_id

    def errors(self, column: str) -> list[RowError]:
        found = []
        for name, rows in self.unknown.items():
            suggestions = self.index.match(name).suggestions
            listed = ", ".join(str(r) for r in rows[:10]) + ("…" if len(rows) > 10 else "")
            message = _("không tìm thấy đơn vị «%(name)s» (dòng %(rows)s)") % {"name": name, "rows": listed}
            if suggestions:
                message += _("; có phải: %(s)s?") % {"s": ", ".join(suggestions)}
            found.append(RowError(rows[0], column, message))
        return found


_DOSSIER_COLUMNS_SQL = [
    "code",
    "procedure_id",
    "receiving_unit_id",
    "deciding_unit_id",
    "channel",
    "received_on",
    "due_on",
    "completed_on",
    "postal_return",
    "online_payment",
    "digitised",
    "electronic_result",
    "supplement_requests",
]


class _DossierWriter:
    """Writes batches through a staging table and upserts them; counts created/updated/unchanged."""

    def __init__(self) -> None:
        self.table = Dossier._meta.db_table
        self.vendor = connection.vendor
        self.cursor = connection.cursor()
        self.cursor.execute("DROP TABLE IF EXISTS onestop_dossier_stage")
        self.cursor.execute(
            "CREATE TEMPORARY TABLE onestop_dossier_stage (code varchar(100) PRIMARY KEY, procedure_id bigint, "
            "receiving_unit_id bigint, deciding_unit_id bigint, channel varchar(20), received_on date, "
            "due_on date, completed_on date, postal_return boolean, online_payment boolean, "
            "digitised boolean, electronic_result boolean, supplement_requests smallint)"
        )
        columns = ", ".join(_DOSSIER_COLUMNS_SQL)
        updates = ", ".join(f"{c} = excluded.{c}" for c in _DOSSIER_COLUMNS_SQL[1:])
        distinct = "IS DISTINCT FROM" if self.vendor == "postgresql" else "IS NOT"
        changed = " OR ".join(f"{self.table}.{c} {distinct} excluded.{c}" for c in _DOSSIER_COLUMNS_SQL[1:])
        self.count_new = (
            f"SELECT count(*) FROM onestop_dossier_stage s WHERE NOT EXISTS "  # noqa: S608 - fixed identifiers
            f"(SELECT 1 FROM {self.table} d WHERE d.code = s.code)"
        )
        self.upsert = (
            f"INSERT INTO {self.table} ({columns}) SELECT {columns} FROM onestop_dossier_stage WHERE true "  # noqa: S608
            f"ON CONFLICT (code) DO UPDATE SET {updates} WHERE {changed}"
        )

    def write(self, batch: dict[str, tuple], summary: ImportSummary) -> None:
        rows = list(batch.values())
        self.cursor.execute(
            "TRUNCATE onestop_dossier_stage" if self.vendor == "postgresql" else "DELETE FROM onestop_dossier_stage"
        )
        if self.vendor == "postgresql":
            with self.cursor.cursor.copy(
                f"COPY onestop_dossier_stage ({', '.join(_DOSSIER_COLUMNS_SQL)}) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(_DOSSIER_COLUMNS_SQL))
            self.cursor.executemany(f"INSERT INTO onestop_dossier_stage VALUES ({placeholders})", rows)  # noqa: S608
        if self.vendor == "postgresql":
            # xmax = 0 marks a freshly inserted row: one statement counts both.
            self.cursor.execute(
                f"WITH written AS ({self.upsert} RETURNING (xmax = 0) AS created) "  # noqa: S608 - fixed identifiers
                "SELECT count(*) FILTER (WHERE created), count(*) FROM written"
            )
            created, written = self.cursor.fetchone()
        else:
            self.cursor.execute(self.count_new)
            created = self.cursor.fetchone()[0]
            self.cursor.execute(self.upsert)
            written = self.cursor.rowcount
        summary.created += created
        summary.updated += written - created
        summary.unchanged += len(rows) - written

    def close(self) -> None:
        self.cursor.execute("DROP TABLE IF EXISTS onestop_dossier_stage")
        self.cursor.close()


class _DossierRows:
    """Validates the rows of a dossier file and turns them into batches of database rows.

    Runs in a worker thread (see `core.iterators.read_ahead`): it must not touch the database, so the
    procedure codes and unit names it needs are loaded before. Batches are yielded only while the file
    has no error; the rest of the file is still read, to name every bad cell.
    """

    def __init__(self, table: Table, summary: ImportSummary) -> None:
        self.table = table
        self.summary = summary
        self.procedures = dict(Procedure.objects.values_list("code", "pk"))
        self.units = _UnitResolver()
        self.kept: list[RowError] = []
        self.error_count = 0
        self.unknown_procedures: dict[str, list[int]] = defaultdict(list)

    def bad(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.kept) < MAX_ERRORS_KEPT:
            self.kept.append(RowError(row, column, message))

    def has_errors(self) -> bool:
        return bool(self.error_count or self.unknown_procedures or self.units.unknown)

    def batches(self, batch_size: int) -> Iterator[dict[str, tuple]]:
        procedures, units, bad = self.procedures, self.units, self.bad
        has_deciding = "Đơn vị giải quyết" in self.table.columns
        flags = [column for column in OPTIONAL_FLAGS if column in self.table.columns]
        has_supplements = "Số lần yêu cầu bổ sung" in self.table.columns
        batch: dict[str, tuple] = {}
        channels: dict[str, str | None] = {}
        postal_texts: dict[str, str] = {}
        days: dict[str, dt.date | None] = {}
        for number, row in self.table.rows():
            self.summary.rows += 1
            code = row["Mã hồ sơ"]
            if not code:
                bad(number, "Mã hồ sơ", _("không được để trống"))
            procedure_id = procedures.get(row["Mã TTHC"])
            if procedure_id is None:
                self.unknown_procedures[row["Mã TTHC"]].append(number)
            unit_id = units(row["Đơn vị tiếp nhận"], number) if row["Đơn vị tiếp nhận"] else None
            if not row["Đơn vị tiếp nhận"]:
                bad(number, "Đơn vị tiếp nhận", _("không được để trống"))
            deciding_id = None
            if has_deciding and row["Đơn vị giải quyết"]:
                deciding_id = units(row["Đơn vị giải quyết"], number)
            channel = _lookup(channels, row["Kênh nộp"], lambda text: CHANNELS.get(normalize(text)))
            if channel is None:
                bad(number, "Kênh nộp", _("kênh nộp không hợp lệ «%(value)s»") % {"value": row["Kênh nộp"]})
            dates = []
            for column in ("Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả"):
                try:
                    dates.append(_fast_date(row[column], days) if row[column] else None)
                except ValueError as exc:
                    bad(number, column, str(exc))
                    dates.append(None)
            if dates[0] is not None:
                summary = self.summary
                if summary.received_from is None or dates[0] < summary.received_from:
                    summary.received_from = dates[0]
                if summary.received_to is None or dates[0] > summary.received_to:
                    summary.received_to = dates[0]
            if dates[0] is None and row["Ngày tiếp nhận"] == "":
                bad(number, "Ngày tiếp nhận", _("không được để trống"))
            if dates[0] and dates[2] and dates[2] < dates[0]:
                bad(number, "Ngày có kết quả", _("trước ngày tiếp nhận"))
            postal = _lookup(postal_texts, row["Trả kết quả qua BCCI"], normalize)
            if postal not in YES and postal not in NO:
                bad(
                    number,
                    "Trả kết quả qua BCCI",
                    _("cần «Có» hoặc «Không», nhận «%(value)s»") % {"value": row["Trả kết quả qua BCCI"]},
                )
            optional: dict[str, bool | int | None] = {}
            for column in flags:
                text = _lookup(postal_texts, row[column], normalize)
                if text and text not in YES and text not in NO:
                    bad(number, column, _("cần «Có» hoặc «Không», nhận «%(value)s»") % {"value": row[column]})
                optional[column] = (text in YES) if text else None
            supplements = None
            if has_supplements and row["Số lần yêu cầu bổ sung"]:
                try:
                    supplements = parse_int(row["Số lần yêu cầu bổ sung"])
                except ValueError as exc:
                    bad(number, "Số lần yêu cầu bổ sung", str(exc))
                if supplements is not None and supplements < 0:
                    bad(number, "Số lần yêu cầu bổ sung", _("không được âm"))
            if self.has_errors():
                continue  # keep validating the rest of the file, hand nothing more to the writer
            batch[code] = (
                code,
                procedure_id,
                unit_id,
                deciding_id,
                channel,
                *dates,
                postal in YES,
                *(optional.get(column) for column in OPTIONAL_FLAGS),
                supplements,
            )
            if len(batch) >= batch_size:
                yield batch
                batch = {}
        if batch and not self.has_errors():
            yield batch

    def errors(self) -> list[RowError]:
        found = list(self.kept)
        for code, rows in self.unknown_procedures.items():
            listed = ", ".join(str(r) for r in rows[:10]) + ("…" if len(rows) > 10 else "")
            message = _("không có TTHC mã «%(code)s» trong danh mục (dòng %(rows)s)") % {"code": code, "rows": listed}
            found.append(RowError(rows[0], "Mã TTHC", message))
        found.extend(self.units.errors("Đơn vị tiếp nhận"))
        found.sort(key=lambda e: e.row or 0)
        return found


@transaction.atomic
def dossiers_import(
    *, source: str | Path | IO[bytes], filename: str | None = None, batch_size: int = BATCH_SIZE
) -> ImportSummary:
    """Create or update dossiers by `Mã hồ sơ`. Rows repeating a code: the last one wins."""
    table = open_table(source, DOSSIER_COLUMNS, filename=filename)
    summary = ImportSummary()
    rows = _DossierRows(table, summary)
    writer = _DossierWriter()
    # The next batch is parsed in a worker thread while the database writes this one.
    for batch in read_ahead(rows.batches(batch_size)):
        writer.write(batch, summary)
    writer.close()
    errors = rows.errors()
    if errors:
        count = rows.error_count + len(rows.unknown_procedures) + len(rows.units.unknown)
        raise ImportFailed(errors, _("Tệp có %(count)s lỗi, không có dữ liệu nào được ghi.") % {"count": count})
    if summary.created or summary.updated:
        generations.bump(GENERATION)  # cached figures of the previous generation are no longer read
    if summary.created + summary.updated >= ANALYZE_AFTER_ROWS:
        # Fresh statistics after a bulk load, or the planner may pick a plan that is 100× slower.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Dossier._meta.db_table}")
    return summary
