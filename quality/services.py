"""Writes to the quality systems: documents, imports of document lists, reviews, follow-up assignments."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from core.tabular import Column, ErrorList, open_table, parse_date
from onestop.models import Procedure
from organizations import permissions
from organizations.models import Unit
from organizations.selectors import UnitNameIndex
from quality.choices import Flag
from quality.models import CorrectiveAction, LegalUpdate, QualityDocument, QualityReview, QualitySystem
from quality.selectors import SystemState

DOCUMENT_COLUMNS = [
    Column("Đơn vị"),
    Column("Mã quy trình"),
    Column("Tên quy trình"),
    Column("Lần ban hành", required=False),
    Column("Ngày ban hành"),
    Column("Mã TTHC", required=False),  # several codes separated by ";", "," or new lines
]
CODE_SEPARATORS = re.compile(r"[;,\n]+")


def _require(user, action: permissions.Action, unit_id: int) -> None:
    if not permissions.can(user, action, unit_id):
        raise ApplicationError(_("Bạn không có quyền với đơn vị này."))


def _procedures(codes: Iterable[str]) -> tuple[list[Procedure], list[str]]:
    wanted = [c for c in dict.fromkeys(c.strip() for c in codes) if c]
    found = {p.code: p for p in Procedure.objects.filter(code__in=wanted)}
    return [found[c] for c in wanted if c in found], [c for c in wanted if c not in found]


@transaction.atomic
def quality_system_save(
    *,
    unit: Unit,
    by,
    host: QualitySystem | None = None,
    scope_codes: Sequence[str] | None = None,
    announcement_number: str = "",
    announcement_date: dt.date | None = None,
    announcement_file=None,
) -> QualitySystem:
    """Create or update the unit's system. A unit sharing a system points at the host (never a chain)."""
    _require(by, "change", unit.pk)
    system, _created = QualitySystem.objects.get_or_create(unit=unit)
    if host is not None and (host.pk == system.pk or host.host_id is not None or system.sharing.exists()):
        raise ApplicationError(_("Chỉ dùng chung được hệ thống do một đơn vị tự xây dựng."))
    system.host = host
    system.announcement_number = announcement_number.strip()
    system.announcement_date = announcement_date
    if announcement_file:
        system.announcement_file = announcement_file
    system.full_clean()
    system.save()
    if scope_codes is not None:
        procedures, unknown = _procedures(scope_codes)
        if unknown:
            raise ApplicationError(_("Không có TTHC mã %(codes)s trong danh mục.") % {"codes": ", ".join(unknown)})
        system.scope.set(procedures)
    return system


@transaction.atomic
def document_update(
    *, document: QualityDocument, by, version: str, issued_on: dt.date, file=None, title: str | None = None
) -> QualityDocument:
    """A new issue of the document (revised for a changed procedure): its issue date moves on."""
    _require(by, "change", document.system.unit_id)
    if issued_on < document.issued_on:
        raise ApplicationError(_("Ngày ban hành mới không được trước lần ban hành hiện tại."))
    document.version, document.issued_on = version.strip(), issued_on
    if title:
        document.title = title.strip()
    fields = ["version", "issued_on", "title", "updated_at"]
    if file:
        document.file = file
        fields.append("file")
    document.full_clean(exclude=["system"])
    document.save(update_fields=fields)
    return document


@dataclass
class DocumentImportSummary:
    rows: int = 0
    created: int = 0
    updated: int = 0

    def __str__(self) -> str:
        return _("%(rows)s dòng: %(created)s quy trình mới, %(updated)s cập nhật") % self.__dict__


@transaction.atomic
def documents_import(*, source: str | Path | IO[bytes], user, filename: str | None = None) -> DocumentImportSummary:
    """An ISO document list (one row per document). All-or-nothing: any bad row → nothing written, every bad
    row named; a row for a unit the user may not change is refused. Upsert by (unit, document code)."""
    table = open_table(source, DOCUMENT_COLUMNS, filename=filename)
    index = UnitNameIndex(units=Unit.objects.all())
    units: dict[str, Unit | None] = {}
    errors = ErrorList()
    parsed = []
    seen: dict[tuple[int, str], int] = {}
    all_codes = set(Procedure.objects.values_list("code", flat=True))
    for number, row in table.rows():
        name = row["Đơn vị"]
        if name not in units:
            units[name] = index.unit(name) if name else None
        unit = units[name]
        if unit is None:
            errors.add(number, "Đơn vị", _("không tìm thấy đơn vị «%(name)s»") % {"name": name})
        elif not permissions.can(user, "change", unit.pk):
            errors.add(number, "Đơn vị", _("bạn không có quyền cập nhật đơn vị «%(name)s»") % {"name": name})
        code, title = row["Mã quy trình"], row["Tên quy trình"]
        if not code:
            errors.add(number, "Mã quy trình", _("không được để trống"))
        elif unit is not None:
            if (unit.pk, code) in seen:
                errors.add(number, "Mã quy trình", _("trùng với dòng %(row)s") % {"row": seen[(unit.pk, code)]})
            seen[(unit.pk, code)] = number
        if not title:
            errors.add(number, "Tên quy trình", _("không được để trống"))
        issued_on = None
        try:
            issued_on = parse_date(row["Ngày ban hành"])
        except ValueError as exc:
            errors.add(number, "Ngày ban hành", str(exc))
        else:
            if issued_on is None:
                errors.add(number, "Ngày ban hành", _("không được để trống"))
        codes = [c.strip() for c in CODE_SEPARATORS.split(row.get("Mã TTHC", "")) if c.strip()]
        unknown = [c for c in codes if c not in all_codes]
        if unknown:
            errors.add(
                number, "Mã TTHC", _("không có TTHC mã %(codes)s trong danh mục") % {"codes": ", ".join(unknown)}
            )
        parsed.append((unit, code, title, row.get("Lần ban hành", ""), issued_on, codes))
    errors.raise_if_any()
    summary = DocumentImportSummary(rows=len(parsed))
    procedures = {p.code: p for p in Procedure.objects.filter(code__in={c for *_r, cs in parsed for c in cs})}
    for unit, code, title, version, issued_on, codes in parsed:
        system, _created = QualitySystem.objects.get_or_create(unit=unit)
        document, created = QualityDocument.objects.update_or_create(
            system=system,
            code=code,
            defaults={"title": title, "version": version, "issued_on": cast(dt.date, issued_on)},
        )
        document.procedures.set([procedures[c] for c in codes])
        summary.created += created
        summary.updated += not created
    return summary


@transaction.atomic
def review_create(
    *, system: QualitySystem, by, kind: str, held_on: dt.date, findings: str = "", report_file=None
) -> QualityReview:
    _require(by, "change", system.unit_id)
    review = QualityReview(system=system, kind=kind, held_on=held_on, findings=findings, report_file=report_file or "")
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def corrective_action_create(
    *, review: QualityReview, by, content: str, lead_unit: Unit, deadline: dt.date | None
) -> CorrectiveAction:
    """A corrective action becomes a tracked assignment for its owner unit."""
    from assignments.services import assignment_create

    _require(by, "change", review.system.unit_id)
    _require(by, "change", lead_unit.pk)
    assignment = assignment_create(
        lead_unit=lead_unit,
        content=content,
        deadline=deadline,
        created_by=by,
        source_label=_("Khắc phục sau %(review)s") % {"review": review},
    )
    return CorrectiveAction.objects.create(review=review, assignment=assignment)


@transaction.atomic
def legal_update_create(
    *,
    system: QualitySystem,
    by,
    document_number: str,
    summary: str,
    noted_on: dt.date,
    document_date: dt.date | None = None,
    action: str = "",
) -> LegalUpdate:
    _require(by, "change", system.unit_id)
    update = LegalUpdate(
        system=system,
        document_number=document_number,
        document_date=document_date,
        summary=summary,
        noted_on=noted_on,
        action=action,
    )
    update.full_clean()
    update.save()
    return update


def _followup_text(state: SystemState) -> str:
    lines = [_("Cập nhật hệ thống quản lý chất lượng TCVN ISO 9001:2015 của đơn vị:")]
    for doc in state.outdated_documents:
        reasons = [str(f.label) for f in doc.flags]
        codes = ", ".join(p.code for p in (*doc.changed, *doc.abolished))
        lines.append(f"- {doc.document.code} {doc.document.title}: {'; '.join(reasons)} ({codes})")
    if state.missing:
        lines.append(
            _("- Xây dựng quy trình cho TTHC: %(codes)s") % {"codes": ", ".join(p.code for p in state.missing)}
        )
    for flag in (Flag.AUDIT_OVERDUE, Flag.NO_ANNOUNCEMENT):
        if flag in state.flags:
            lines.append(f"- {flag.label}")
    return "\n".join(lines)


@transaction.atomic
def followups_create(*, states: Sequence[SystemState], by, deadline: dt.date | None) -> list:
    """One assignment per flagged unit running its own system, listing what to update (a unit sharing another's
    system is covered by the host's assignment). Units the user may not assign to are refused."""
    from assignments.services import assignment_create

    created = []
    for state in states:
        if not state.flags or state.system.host_id:  # a shared system is updated by its host unit
            continue
        _require(by, "manage", state.unit.pk)
        created.append(
            assignment_create(
                lead_unit=state.unit,
                content=_followup_text(state),
                deadline=deadline,
                created_by=by,
                source_label=_("Rà soát hệ thống ISO 9001"),
            )
        )
    return created
