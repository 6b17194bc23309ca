"""Writes to the records work: file lists, work-file imports, backlog and sorting progress."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, cast

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from core.tabular import Column, ErrorList, open_table, parse_date, parse_int
from organizations import permissions
from organizations.models import Unit
from organizations.selectors import UnitNameIndex
from records.models import ArchiveBacklog, FileList, SortingPlan, SortingProgress, WorkFile, WorkFileCount

WORK_FILE_COLUMNS = [
    Column("Đơn vị"),
    Column("Năm"),
    Column("Số, ký hiệu hồ sơ", aliases=("Mã hồ sơ", "Ký hiệu hồ sơ")),
    Column("Tiêu đề hồ sơ"),
    Column("Thời hạn bảo quản", required=False),
    Column("Ngày bắt đầu", required=False),
    Column("Ngày kết thúc", required=False),
    Column("Ngày nộp lưu", required=False),
]


def _require(user, unit_id: int) -> None:
    if not permissions.can(user, "change", unit_id):
        raise ApplicationError(_("Bạn không có quyền với đơn vị này."))


@transaction.atomic
def file_list_save(
    *, unit: Unit, year: int, by, decision_number: str = "", approved_on: dt.date | None = None, file=None
) -> FileList:
    _require(by, unit.pk)
    file_list, _created = FileList.objects.get_or_create(unit=unit, year=year)
    file_list.decision_number, file_list.approved_on = decision_number.strip(), approved_on
    if file:
        file_list.file = file
    file_list.full_clean()
    file_list.save()
    return file_list


@dataclass
class WorkFileImportSummary:
    rows: int = 0
    created: int = 0
    updated: int = 0

    def __str__(self) -> str:
        return _("%(rows)s dòng: %(created)s hồ sơ mới, %(updated)s cập nhật") % self.__dict__


def _date(row, column, errors, number) -> dt.date | None:
    try:
        return parse_date(row.get(column, ""))
    except ValueError as exc:
        errors.add(number, column, str(exc))
        return None


@transaction.atomic
def work_files_import(*, source: str | Path | IO[bytes], user, filename: str | None = None) -> WorkFileImportSummary:
    """A list of work files. All-or-nothing: any bad row → nothing written, every bad row named; rows for a
    unit outside the user's scope are refused. Upsert by (unit, year, file code)."""
    table = open_table(source, WORK_FILE_COLUMNS, filename=filename)
    index = UnitNameIndex(units=Unit.objects.all())
    units: dict[str, Unit | None] = {}
    errors = ErrorList()
    parsed = []
    seen: dict[tuple, int] = {}
    for number, row in table.rows():
        name = row["Đơn vị"]
        if name not in units:
            units[name] = index.unit(name) if name else None
        unit = units[name]
        if unit is None:
            errors.add(number, "Đơn vị", _("không tìm thấy đơn vị «%(name)s»") % {"name": name})
        elif not permissions.can(user, "change", unit.pk):
            errors.add(number, "Đơn vị", _("bạn không có quyền cập nhật đơn vị «%(name)s»") % {"name": name})
        try:
            year = parse_int(row["Năm"])
        except ValueError as exc:
            errors.add(number, "Năm", str(exc))
            year = None
        else:
            if year is None or not 1900 <= year <= 2200:
                errors.add(number, "Năm", _("năm không hợp lệ «%(value)s»") % {"value": row["Năm"]})
                year = None
        code, title = row["Số, ký hiệu hồ sơ"], row["Tiêu đề hồ sơ"]
        if not code:
            errors.add(number, "Số, ký hiệu hồ sơ", _("không được để trống"))
        elif unit is not None and year is not None:
            key = (unit.pk, year, code)
            if key in seen:
                errors.add(number, "Số, ký hiệu hồ sơ", _("trùng với dòng %(row)s") % {"row": seen[key]})
            seen[key] = number
        if not title:
            errors.add(number, "Tiêu đề hồ sơ", _("không được để trống"))
        started = _date(row, "Ngày bắt đầu", errors, number)
        ended = _date(row, "Ngày kết thúc", errors, number)
        deposited = _date(row, "Ngày nộp lưu", errors, number)
        if started and ended and ended < started:
            errors.add(number, "Ngày kết thúc", _("trước ngày bắt đầu"))
        if deposited and not ended:
            errors.add(number, "Ngày nộp lưu", _("hồ sơ chưa có ngày kết thúc"))
        elif deposited and ended and deposited < ended:
            errors.add(number, "Ngày nộp lưu", _("trước ngày kết thúc"))
        parsed.append(
            (
                unit,
                year,
                code,
                {
                    "title": title,
                    "retention": row.get("Thời hạn bảo quản", ""),
                    "started_on": started,
                    "ended_on": ended,
                    "deposited_on": deposited,
                },
            )
        )
    errors.raise_if_any()
    summary = WorkFileImportSummary(rows=len(parsed))
    for unit, year, code, values in parsed:
        _obj, created = WorkFile.objects.update_or_create(unit=unit, year=cast(int, year), code=code, defaults=values)
        summary.created += created
        summary.updated += not created
    return summary


@transaction.atomic
def work_file_count_save(
    *, unit: Unit, year: int, by, opened: int, closed: int, due: int, deposited_on_time: int
) -> WorkFileCount:
    """The year's work files as counts, for a unit that reports numbers rather than a list."""
    _require(by, unit.pk)
    if min(opened, closed, due, deposited_on_time) < 0:
        raise ApplicationError(_("Số liệu không được âm."))
    if deposited_on_time > due:
        raise ApplicationError(_("Số hồ sơ nộp lưu đúng hạn không được lớn hơn số hồ sơ đến hạn."))
    if closed > opened:
        raise ApplicationError(_("Số hồ sơ đã kết thúc không được lớn hơn số hồ sơ đã mở."))
    count, _created = WorkFileCount.objects.update_or_create(
        unit=unit,
        year=year,
        defaults={"opened": opened, "closed": closed, "due": due, "deposited_on_time": deposited_on_time},
    )
    return count


@transaction.atomic
def backlog_save(*, unit: Unit, by, total_metres: Decimal, note: str = "") -> ArchiveBacklog:
    _require(by, unit.pk)
    if total_metres < 0:
        raise ApplicationError(_("Số mét giá không được âm."))
    backlog, _created = ArchiveBacklog.objects.get_or_create(unit=unit, defaults={"total_metres": total_metres})
    backlog.total_metres, backlog.note = total_metres, note
    backlog.full_clean()
    backlog.save()
    return backlog


@transaction.atomic
def sorting_plan_save(*, backlog: ArchiveBacklog, by, year: int, planned_metres: Decimal) -> SortingPlan:
    _require(by, backlog.unit_id)
    if planned_metres < 0:
        raise ApplicationError(_("Số mét giá không được âm."))
    plan, _created = SortingPlan.objects.update_or_create(
        backlog=backlog, year=year, defaults={"planned_metres": planned_metres}
    )
    return plan


@transaction.atomic
def sorting_progress_record(
    *, backlog: ArchiveBacklog, by, recorded_on: dt.date, metres: Decimal, note: str = ""
) -> SortingProgress:
    """Metres sorted since the last entry; the total sorted may not pass the backlog's total."""
    _require(by, backlog.unit_id)
    backlog = ArchiveBacklog.objects.select_for_update().get(pk=backlog.pk)
    if metres <= 0:
        raise ApplicationError(_("Số mét giá đã chỉnh lý phải lớn hơn 0."))
    done = backlog.progress.aggregate(s=Sum("metres"))["s"] or Decimal(0)
    if done + metres > backlog.total_metres:
        raise ApplicationError(
            _("Vượt quá số còn lại: còn %(left)s mét giá chưa chỉnh lý.") % {"left": f"{backlog.total_metres - done:g}"}
        )
    entry = SortingProgress(backlog=backlog, recorded_on=recorded_on, metres=metres, note=note, recorded_by=by)
    entry.full_clean()
    entry.save()
    return entry
