"""Reads of the quality systems: what is out of date, computed from the catalogue, the documents and the dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from core.periods import add_months
from onestop.models import Procedure
from organizations import permissions
from quality.choices import Flag, ReviewKind
from quality.models import QualityDocument, QualityReview, QualityRule, QualitySystem

DEFAULT_AUDIT_MAX_MONTHS = 12


@dataclass
class DocumentState:
    document: QualityDocument
    changed: list[Procedure] = field(default_factory=list)  # content changed after the document was issued
    abolished: list[Procedure] = field(default_factory=list)

    @property
    def flags(self) -> list[Flag]:
        return [
            f
            for f, items in ((Flag.PROCEDURE_CHANGED, self.changed), (Flag.PROCEDURE_ABOLISHED, self.abolished))
            if items
        ]

    @property
    def up_to_date(self) -> bool:
        return not self.changed and not self.abolished


@dataclass
class SystemState:
    system: QualitySystem  # the unit's own row (its `host` may hold the documents)
    documents: list[DocumentState]
    missing: list[Procedure]  # online-capable procedures in scope that no document implements
    last_audit: dt.date | None
    last_review: dt.date | None
    audit_overdue: bool
    flags: list[Flag]

    @property
    def unit(self):
        return self.system.unit

    @property
    def outdated_documents(self) -> list[DocumentState]:
        return [d for d in self.documents if not d.up_to_date]

    @property
    def to_update(self) -> int:
        """Documents to revise plus documents to write."""
        return len(self.outdated_documents) + len(self.missing)


def quality_rule(*, on: dt.date) -> QualityRule | None:
    return QualityRule.objects.filter(effective_from__lte=on).order_by("-effective_from").first()


def systems_visible(user) -> QuerySet[QualitySystem]:
    return permissions.scoped(QualitySystem.objects.all(), user, "view", field="unit")


def _prefetched(queryset: QuerySet[QualitySystem]) -> QuerySet[QualitySystem]:
    return queryset.select_related("unit", "host", "host__unit").prefetch_related(
        Prefetch("documents", queryset=QualityDocument.objects.prefetch_related("procedures").order_by("code")),
        Prefetch("scope", queryset=Procedure.objects.select_related("service_level")),
        Prefetch("reviews", queryset=QualityReview.objects.order_by("-held_on")),
    )


def document_state(document: QualityDocument) -> DocumentState:
    state = DocumentState(document)
    for procedure in document.procedures.all():
        if procedure.abolished_on is not None:
            state.abolished.append(procedure)
        elif procedure.content_changed_on and procedure.content_changed_on > document.issued_on:
            state.changed.append(procedure)
    return state


def _state(system: QualitySystem, effective: QualitySystem, *, on: dt.date, max_months: int) -> SystemState:
    documents = [document_state(d) for d in effective.documents.all()]
    covered = {p.pk for d in effective.documents.all() for p in d.procedures.all()}
    missing = [
        p
        for p in effective.scope.all()
        if p.service_level.online_capable and p.abolished_on is None and p.pk not in covered
    ]
    reviews = list(effective.reviews.all())
    last_audit = next((r.held_on for r in reviews if r.kind == ReviewKind.INTERNAL_AUDIT), None)
    last_review = next((r.held_on for r in reviews if r.kind == ReviewKind.MANAGEMENT_REVIEW), None)
    limit = add_months(on, -max_months)
    audit_overdue = any(day is None or day < limit for day in (last_audit, last_review))
    flags = []
    if any(d.changed for d in documents):
        flags.append(Flag.PROCEDURE_CHANGED)
    if any(d.abolished for d in documents):
        flags.append(Flag.PROCEDURE_ABOLISHED)
    if missing:
        flags.append(Flag.MISSING_DOCUMENT)
    if audit_overdue:
        flags.append(Flag.AUDIT_OVERDUE)
    if not (effective.announcement_number and effective.announcement_date):
        flags.append(Flag.NO_ANNOUNCEMENT)
    return SystemState(system, documents, missing, last_audit, last_review, audit_overdue, flags)


def system_states(*, systems: QuerySet[QualitySystem], on: dt.date) -> list[SystemState]:
    """One state per system; a unit sharing another's system gets the host's documents, reviews and flags."""
    rule = quality_rule(on=on)
    max_months = rule.audit_max_months if rule else DEFAULT_AUDIT_MAX_MONTHS
    own = list(_prefetched(systems))
    host_ids = {s.host_id for s in own if s.host_id} - {s.pk for s in own}
    hosts = {s.pk: s for s in own}
    hosts.update({s.pk: s for s in _prefetched(QualitySystem.objects.filter(pk__in=host_ids))})
    return [_state(s, hosts[s.host_id] if s.host_id else s, on=on, max_months=max_months) for s in own]


def system_state(*, system: QualitySystem, on: dt.date) -> SystemState:
    return system_states(systems=QualitySystem.objects.filter(pk=system.pk), on=on)[0]


def documents_up_to_date(*, unit_ids: set[int] | None, on: dt.date) -> tuple[int, int]:
    """(documents up to date, documents) over the systems of these units (None = all): own systems only."""
    systems = QualitySystem.objects.filter(host__isnull=True)
    if unit_ids is not None:
        systems = systems.filter(unit_id__in=unit_ids)
    up, total = 0, 0
    for state in system_states(systems=systems, on=on):
        up += sum(1 for d in state.documents if d.up_to_date)
        total += len(state.documents) + len(state.missing)  # a missing document is not up to date
    return up, total


def evidence_candidates(unit_ids, start: dt.date, end: dt.date) -> list:
    """PAR evidence candidates: announcement decisions and audit/review reports of these units in the period."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from core.evidence import EvidenceCandidate

    found = []
    systems = QualitySystem.objects.filter(
        unit_id__in=unit_ids, announcement_date__range=(start, end), host__isnull=True
    ).select_related("unit")
    for system in systems:
        found.append(
            EvidenceCandidate(
                title=_("Quyết định công bố HTQLCL TCVN ISO 9001:2015 – %(unit)s") % {"unit": system.unit.short_name},
                number=system.announcement_number,
                date=system.announcement_date,
                issuer=system.unit.short_name,
                url=reverse("quality:system", args=[system.pk]),
            )
        )
    reviews = QualityReview.objects.filter(system__unit_id__in=unit_ids, held_on__range=(start, end)).select_related(
        "system__unit"
    )
    for review in reviews:
        found.append(
            EvidenceCandidate(
                title=f"{review.get_kind_display()} – {review.system.unit.short_name}",
                date=review.held_on,
                issuer=review.system.unit.short_name,
                url=reverse("quality:system", args=[review.system_id]),
            )
        )
    return found


def units_without_system(user):
    """Committees, agencies and communes in the user's view scope that have declared no system yet."""
    from organizations.choices import UnitKind
    from organizations.models import Unit

    units = Unit.objects.filter(
        kind__in=[UnitKind.COMMITTEE, UnitKind.AGENCY, UnitKind.COMMUNE], quality_system__isnull=True
    )
    return permissions.scoped(units, user, "view", field="pk").order_by("short_name")
