"""Writes about units and people that carry a rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from core.tabular import Column, ErrorList, open_table, parse_date
from core.text import normalize, normalize_unit_name
from organizations.choices import Role, UnitKind
from organizations.models import Level, Membership, Unit, UnitAlias

UNIT_COLUMNS = [
    Column("Mã đơn vị"),
    Column("Tên ngắn"),
    Column("Tên đầy đủ", required=False),
    Column("Cấp", required=False),
    Column("Loại"),
    Column("Mã đơn vị cấp trên", required=False),
    Column("Tên gọi khác", required=False),
    Column("Thư điện tử", required=False),
    Column("Hoạt động từ", required=False),
    Column("Hoạt động đến", required=False),
]


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return _("%(created)s tạo mới, %(updated)s cập nhật, %(unchanged)s không đổi") % self.__dict__


def _kind_from_text(value: str) -> str | None:
    key = normalize(value)
    for choice in UnitKind:
        if key in (normalize(choice.value), normalize(str(choice.label))):
            return choice.value
    return None


def _level_from_text(value: str, levels: list[Level]) -> Level | None:
    key = normalize(value)
    for level in levels:
        if key in (normalize(level.code), normalize(level.name)):
            return level
    return None


def unit_set_aliases(*, unit: Unit, names: list[str]) -> None:
    """Replace the unit's aliases by `names` (blank and duplicate names dropped)."""
    wanted = {normalize_unit_name(n): n.strip() for n in names if n.strip()}
    unit.aliases.exclude(normalized__in=wanted).delete()
    existing = set(unit.aliases.values_list("normalized", flat=True))
    for key, name in wanted.items():
        if key not in existing:
            UnitAlias.objects.create(unit=unit, name=name, normalized=key)


@transaction.atomic
def unit_alias_add(*, user, unit: Unit, name: str) -> UnitAlias | None:
    """Save `name` as another way documents write `unit`'s name (asked on the review screen, never
    silent). Only those who manage the unit's records may; None when the name is already known."""
    from organizations import permissions

    if not permissions.can(user, "manage", unit.pk):
        raise ApplicationError(_("Bạn không có quyền thêm tên gọi khác cho đơn vị này."))
    name = " ".join(name.split())
    key = normalize_unit_name(name)
    if not key or key in (normalize_unit_name(unit.short_name), normalize_unit_name(unit.full_name or "")):
        return None
    if len(name) > 300:
        raise ApplicationError(_("Tên gọi khác quá dài (tối đa 300 ký tự)."))
    alias, created = UnitAlias.objects.get_or_create(unit=unit, normalized=key, defaults={"name": name})
    return alias if created else None


@transaction.atomic
def units_import(*, source: str | Path | IO[bytes], filename: str | None = None) -> ImportSummary:
    """Create or update units by `Mã đơn vị`. All-or-nothing: any bad row imports nothing."""
    table = open_table(source, UNIT_COLUMNS, filename=filename)
    errors = ErrorList()
    levels = list(Level.objects.all())
    rows: list[tuple[int, dict[str, Any]]] = []
    codes_in_file: dict[str, int] = {}
    for number, row in table.rows():
        code = row["Mã đơn vị"]
        if not code:
            errors.add(number, "Mã đơn vị", _("không được để trống"))
        elif code in codes_in_file:
            errors.add(number, "Mã đơn vị", _("trùng với dòng %(row)s") % {"row": codes_in_file[code]})
        codes_in_file[code] = number
        if not row["Tên ngắn"]:
            errors.add(number, "Tên ngắn", _("không được để trống"))
        kind = _kind_from_text(row["Loại"])
        if kind is None:
            errors.add(number, "Loại", _("loại đơn vị không hợp lệ «%(value)s»") % {"value": row["Loại"]})
        level = None
        if row.get("Cấp"):
            level = _level_from_text(row["Cấp"], levels)
            if level is None:
                errors.add(number, "Cấp", _("không có cấp «%(value)s»") % {"value": row["Cấp"]})
        dates = {}
        for column in ("Hoạt động từ", "Hoạt động đến"):
            try:
                dates[column] = parse_date(row.get(column, ""))
            except ValueError as exc:
                errors.add(number, column, str(exc))
        rows.append((number, {**row, "_kind": kind, "_level": level, "_dates": dates}))

    existing = {u.code: u for u in Unit.objects.all()}
    for number, row in rows:
        parent_code = row.get("Mã đơn vị cấp trên", "")
        if parent_code and parent_code not in codes_in_file and parent_code not in existing:
            errors.add(number, "Mã đơn vị cấp trên", _("không có đơn vị mã «%(code)s»") % {"code": parent_code})
        if parent_code and parent_code == row["Mã đơn vị"]:
            errors.add(number, "Mã đơn vị cấp trên", _("đơn vị không thể là cấp trên của chính nó"))
    errors.raise_if_any()

    summary = ImportSummary()
    # Create/update without parents first, then link parents: the file may list children first.
    for _number, parsed in rows:
        values = {
            "short_name": parsed["Tên ngắn"],
            "full_name": parsed.get("Tên đầy đủ", ""),
            "kind": parsed["_kind"],
            "level": parsed["_level"],
            "email": parsed.get("Thư điện tử", ""),
            "active_from": parsed["_dates"].get("Hoạt động từ"),
            "active_to": parsed["_dates"].get("Hoạt động đến"),
        }
        unit = existing.get(parsed["Mã đơn vị"])
        if unit is None:
            unit = Unit(code=parsed["Mã đơn vị"], **values)
            unit.save()
            existing[unit.code] = unit
            summary.created += 1
        else:
            changed = [k for k, v in values.items() if getattr(unit, k) != v]
            if changed:
                for k in changed:
                    setattr(unit, k, values[k])
                unit.save(update_fields=changed)
                summary.updated += 1
            else:
                summary.unchanged += 1
        if "Tên gọi khác" in parsed:
            unit_set_aliases(unit=unit, names=parsed["Tên gọi khác"].split(";"))
    for number, parsed in rows:
        unit = existing[parsed["Mã đơn vị"]]
        parent = existing.get(parsed.get("Mã đơn vị cấp trên", "")) if parsed.get("Mã đơn vị cấp trên") else None
        if unit.parent_id != (parent.pk if parent else None):
            unit.parent = parent
            try:
                unit.full_clean(exclude=["level", "successor"], validate_unique=False)
            except Exception as exc:
                raise ApplicationError(
                    _("Dòng %(row)s: cây đơn vị không hợp lệ (vòng lặp cấp trên).") % {"row": number}
                ) from exc
            unit.save(update_fields=["parent"])
    return summary


def units_export_rows(units) -> tuple[list[str], list[list]]:
    headers = [c.name for c in UNIT_COLUMNS]
    rows = []
    for unit in units.select_related("level", "parent").prefetch_related("aliases"):
        rows.append(
            [
                unit.code,
                unit.short_name,
                unit.full_name,
                unit.level.code if unit.level else "",
                unit.kind,
                unit.parent.code if unit.parent else "",
                "; ".join(a.name for a in unit.aliases.all()),
                unit.email,
                unit.active_from.strftime("%d/%m/%Y") if unit.active_from else "",
                unit.active_to.strftime("%d/%m/%Y") if unit.active_to else "",
            ]
        )
    return headers, rows


@transaction.atomic
def unit_merge(*, source: Unit, into: Unit, on: dt.date) -> Unit:
    """Close `source` on `on` and name `into` as its successor; the old name becomes an alias
    of the successor so that old documents still match. History stays: nothing is deleted.
    """
    if source.pk == into.pk:
        raise ApplicationError(_("Không thể sáp nhập một đơn vị vào chính nó."))
    if not into.is_active_on(on):
        raise ApplicationError(_("Đơn vị tiếp nhận không còn hoạt động vào ngày sáp nhập."))
    source.active_to = on
    source.successor = into
    source.full_clean()
    source.save(update_fields=["active_to", "successor", "updated_at"])
    key = normalize_unit_name(source.short_name)
    if not into.aliases.filter(normalized=key).exists():
        UnitAlias.objects.create(unit=into, name=source.short_name, normalized=key)
    return source


@transaction.atomic
def membership_set(*, user, unit: Unit, role: str, position: str = "") -> Membership:
    if role not in Role.values:
        raise ApplicationError(_("Vai trò không hợp lệ."))
    membership, _created = Membership.objects.update_or_create(
        user=user, unit=unit, role=role, defaults={"position": position, "is_active": True}
    )
    return membership


def user_create(*, username: str, password: str, full_name: str = "", email: str = "", is_superuser: bool = False):
    User = get_user_model()
    first, _sep, last = full_name.rpartition(" ")
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last or full_name, "email": email},
    )
    if created:
        user.set_password(password)
        user.is_superuser = user.is_staff = is_superuser
        user.save()
    return user
