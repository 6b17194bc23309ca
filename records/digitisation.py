"""Digitised one-stop dossiers and electronic results, from the optional columns of the dossier export.

The one-stop import stores `Số hóa thành phần hồ sơ` and `Kết quả điện tử` as NULL when the file did not
have the column (or the cell was blank), so a rate is computed over the dossiers whose file *said* yes or no,
and a unit or period with no such dossier has no figure at all ("no data", never 0 %).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from core import generations
from onestop.models import Dossier
from onestop.selectors import GENERATION  # bumped by every dossier import and edit

# The figures are computed once per generation of the one-stop data (a province's year is a million rows).


@dataclass
class Flagged:
    """Dossiers counted for one flag: `total` in the period, `known` with the column filled, `yes` of those."""

    total: int = 0
    known: int = 0
    yes: int = 0

    @property
    def rate(self) -> Decimal | None:
        return Decimal(self.yes) / Decimal(self.known) if self.known else None

    @property
    def unknown(self) -> int:
        return self.total - self.known

    @property
    def has_data(self) -> bool:
        return bool(self.known)


@dataclass
class Digitisation:
    digitised: Flagged  # of the dossiers received in the period
    electronic: Flagged  # of the results issued (completed) in the period


def _flag_counts(queryset, field_name: str, group: bool) -> dict[int | None, Flagged]:
    counts = {
        "total": Count("pk"),
        "known": Count("pk", filter=Q(**{f"{field_name}__isnull": False})),
        "yes": Count("pk", filter=Q(**{field_name: True})),
    }
    if not group:
        row = queryset.order_by().aggregate(**counts)
        return {None: Flagged(row["total"], row["known"], row["yes"])}
    rows = queryset.order_by().values("receiving_unit_id").annotate(**counts)
    return {r["receiving_unit_id"]: Flagged(r["total"], r["known"], r["yes"]) for r in rows}


def _querysets(unit_ids: Iterable[int], start: dt.date, end: dt.date):
    ids = list(unit_ids)
    received = Dossier.objects.filter(receiving_unit_id__in=ids, received_on__range=(start, end))
    results = Dossier.objects.filter(receiving_unit_id__in=ids, completed_on__range=(start, end))
    return received, results


def digitisation_by_unit(*, unit_ids: Iterable[int], start: dt.date, end: dt.date) -> dict[int, Digitisation]:
    """Per receiving unit (two queries): digitised received dossiers and electronic results in [start, end]."""
    ids = sorted(set(unit_ids))
    parts = ["records-digitisation", start, end, generations.digest(ids)]
    return generations.cached(GENERATION, parts, lambda: _by_unit(ids, start, end))


def _by_unit(ids: list[int], start: dt.date, end: dt.date) -> dict[int, Digitisation]:
    received, results = _querysets(ids, start, end)
    digitised = _flag_counts(received, "digitised", group=True)
    electronic = _flag_counts(results, "electronic_result", group=True)
    return {pk: Digitisation(digitised.get(pk, Flagged()), electronic.get(pk, Flagged())) for pk in ids}


def digitisation_total(*, unit_ids: Iterable[int], start: dt.date, end: dt.date) -> Digitisation:
    """The same figures summed over the units (for a unit and its subtree)."""
    ids = sorted(set(unit_ids))
    parts = ["records-digitisation-total", start, end, generations.digest(ids)]
    return generations.cached(GENERATION, parts, lambda: _total(ids, start, end))


def _total(ids: list[int], start: dt.date, end: dt.date) -> Digitisation:
    received, results = _querysets(ids, start, end)
    return Digitisation(
        _flag_counts(received, "digitised", group=False)[None],
        _flag_counts(results, "electronic_result", group=False)[None],
    )
