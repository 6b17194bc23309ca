"""Reads about units: group members, name matching, the tree page."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from core.text import normalize_unit_name
from organizations.models import Unit, UnitAlias, UnitGroup, UnitQuerySet


def unit_group_members(group: UnitGroup, *, on: dt.date | None = None) -> QuerySet[Unit]:
    """Units of the group active on `on`: the rule's units plus the explicit list."""
    condition = Q(pk__in=group.members.values("pk"))
    if group.rule_parent_id:
        if group.rule_direct_children_only:
            rule = Q(parent_id=group.rule_parent_id)
        else:
            below = Unit.objects.descendants(group.rule_parent_id).values("pk")
            rule = Q(pk__in=below)
        if group.rule_kind:
            rule &= Q(kind=group.rule_kind)
        if group.rule_level_id:
            rule &= Q(level_id=group.rule_level_id)
        condition |= rule
    return Unit.objects.active(on).filter(condition).distinct().order_by("short_name")


# A level word at the end of a name: "Phòng Nội vụ huyện" ~ "Phòng Nội vụ".
LEVEL_WORD_END = re.compile(r"\s+(?:tinh|huyen|xa|phuong|tt|thi tran|thanh pho|thi xa|quan|tp)$")
OFFICE_HOLDERS = re.compile(r"^(chu tich|pho chu tich|giam doc|thu truong|truong phong|truong|lanh dao)\s+")


@dataclass(frozen=True)
class NameMatch:
    name: str
    unit: Unit | None = None
    group: UnitGroup | None = None
    suggestions: tuple[str, ...] = ()

    @property
    def matched(self) -> bool:
        return self.unit is not None or self.group is not None


class UnitNameIndex:
    """Finds units and groups by any of their names, tolerant of case, diacritics and
    abbreviations (Ủy ban nhân dân ~ UBND). Build once per request/import: two queries.
    """

    def __init__(self, units: QuerySet[Unit] | None = None, groups: QuerySet[UnitGroup] | None = None) -> None:
        units = (units if units is not None else Unit.objects.all()).only("pk", "short_name", "full_name", "code")
        self.units: dict[str, Unit] = {}
        for unit in units:
            for name in (unit.short_name, unit.full_name, unit.code):
                if name:
                    self.units.setdefault(normalize_unit_name(name), unit)
        by_pk = {unit.pk: unit for unit in self.units.values()}
        aliases = UnitAlias.objects.filter(unit_id__in=by_pk).values_list("unit_id", "normalized", "name")
        self.alias_names: set[str] = set()
        for unit_id, normalized, alias in aliases:
            self.units.setdefault(normalized, by_pk[unit_id])
            self.alias_names.add(alias)
        self.groups: dict[str, UnitGroup] = {}
        for group in groups if groups is not None else UnitGroup.objects.all():
            for name in (group.name, *group.alias_list()):
                self.groups.setdefault(normalize_unit_name(name), group)

    def names(self) -> list[str]:
        """Every known display name, for the parser's longest-match splitting."""
        names = {u.short_name for u in self.units.values()} | {u.full_name for u in self.units.values() if u.full_name}
        names |= {g.name for g in self.groups.values()} | self.alias_names
        return sorted(names, key=len, reverse=True)

    def unit(self, name: str) -> Unit | None:
        return self.units.get(normalize_unit_name(name))

    def match(self, name: str) -> NameMatch:
        key = normalize_unit_name(name)
        # "Chủ tịch UBND các xã" addresses the committees: also try without the office holder.
        for candidate in (key, OFFICE_HOLDERS.sub("", key)):
            if candidate in self.units:
                return NameMatch(name, unit=self.units[candidate])
            if candidate in self.groups:
                return NameMatch(name, group=self.groups[candidate])
        # "Phòng Văn hóa và Thông tin Huyện" for "Phòng Văn hóa và Thông tin": names that differ only
        # by a level word come first, then names that are merely close.
        bare = LEVEL_WORD_END.sub("", key)
        same = [k for k in self._by_bare_name().get(bare, []) if k != key]
        close = difflib.get_close_matches(key, [*self.units, *self.groups], n=3, cutoff=0.6)
        suggestions = tuple(
            dict.fromkeys(self.units[c].short_name if c in self.units else self.groups[c].name for c in [*same, *close])
        )
        return NameMatch(name, suggestions=suggestions[:4])

    def _by_bare_name(self) -> dict[str, list[str]]:
        """Normalised names by their form without a trailing level word (built on first use)."""
        if not hasattr(self, "_bare"):
            self._bare: dict[str, list[str]] = {}
            for key in [*self.units, *self.groups]:
                self._bare.setdefault(LEVEL_WORD_END.sub("", key), []).append(key)
        return self._bare


def unit_tree(units: UnitQuerySet) -> list[Unit]:
    """Units in tree order (depth-first, siblings by name) with `tree_depth` set."""
    return list(units.with_tree_fields().order_siblings_by("short_name").select_related("level", "parent"))


def units_active_on(on: dt.date | None = None) -> QuerySet[Unit]:
    return Unit.objects.active(on or timezone.localdate())


def unit_choices(units) -> list[tuple[int, str]]:
    """(id, name) pairs for a picker, in the queryset's order, named as `unit_labels` names them; reads three
    columns instead of two Unit objects per row."""
    from collections import Counter

    if hasattr(units, "values_list"):
        rows = list(units.values_list("pk", "short_name", "parent__short_name"))
    else:
        rows = [(u.pk, u.short_name, u.parent.short_name if u.parent_id else None) for u in units]
    counts = Counter(short for _pk, short, _parent in rows)
    return [(pk, f"{short} ({parent})" if counts[short] > 1 and parent else short) for pk, short, parent in rows]


def unit_labels(units) -> dict[int, str]:
    """Names for pickers: a unit whose short name another listed unit also has shows its parent
    ("Phòng Kinh tế, Hạ tầng và Đô thị (UBND phường An Bình)"). `units` should select_related("parent")."""
    from collections import Counter

    units = list(units)
    counts = Counter(u.short_name for u in units)
    return {
        u.pk: f"{u.short_name} ({u.parent.short_name})" if counts[u.short_name] > 1 and u.parent else u.short_name
        for u in units
    }
