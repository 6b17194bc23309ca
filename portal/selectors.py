"""What the public site reads. Only figures and fields meant for the public leave here: the views never get a
model of another app, only plain rows built below (no notes, files, people or personal data)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from assignments.choices import DirectiveStatus
from assignments.models import Assignment, Directive
from assignments.selectors import with_status
from core.periods import Period
from onestop.models import Dossier
from onestop.selectors import onestop_figures, unit_tree_ids
from organizations.models import Unit
from parindex.choices import AssessmentStatus
from parindex.models import Assessment, CriteriaSet
from parindex.selectors import ranking
from portal.choices import DossierState
from portal.conf import root_unit_code
from portal.models import Article, Category
from surveys.selectors import published_comments, satisfaction_figures


def site_unit() -> Unit | None:
    """The unit whose public site this is (settings.PORTAL_ROOT_UNIT), None for every unit."""
    code = root_unit_code()
    return Unit.objects.filter(code=code).first() if code else None


def site_unit_ids() -> list[int] | None:
    unit = site_unit()
    return unit_tree_ids(unit) if unit is not None else None


# --- News -------------------------------------------------------------------------------------------------


def articles_public(*, category: Category | None = None) -> QuerySet[Article]:
    """Published articles whose publish date has come, newest first."""
    queryset = Article.objects.published().filter(published_at__lte=timezone.now())
    ids = site_unit_ids()
    if ids is not None:
        queryset = queryset.filter(unit_id__in=ids)
    if category is not None:
        queryset = queryset.filter(category=category)
    return queryset.select_related("category").order_by("-published_at", "-pk")


def article_public(slug: str) -> Article | None:
    return articles_public().filter(slug=slug).first()


def home_news(*, latest: int = 6) -> dict[str, Any]:
    articles = list(articles_public()[: latest + 3])
    featured = [a for a in articles if a.featured][:3]
    rest = [a for a in articles if a not in featured][:latest]
    return {"featured": featured, "latest": rest}


def categories_in_use() -> QuerySet[Category]:
    return Category.objects.filter(articles__in=articles_public()).distinct().order_by("order", "name")


def articles_for_staff(*, user) -> QuerySet[Article]:
    from organizations import permissions

    return permissions.scoped(Article.objects.all(), user, "publish").select_related("category", "unit")


# --- Scoreboards ------------------------------------------------------------------------------------------


def scoreboard(period: Period) -> dict[str, Any]:
    """Per unit: dossiers, online rate, on-time rate (onestop), satisfaction index and responses (surveys).
    Only these published rates: no counts of overdue dossiers by procedure, no comments, no names."""
    ids = site_unit_ids()
    dossiers = onestop_figures(start=period.start, end=period.end, unit_ids=ids)
    satisfaction = satisfaction_figures(start=period.start, end=period.end, unit_ids=ids)
    rows: dict[int, dict[str, Any]] = {}
    for row in dossiers["units"]:
        rows[row["unit_id"]] = {
            "unit": row["unit"],
            "unit_id": row["unit_id"],
            "dossiers": row["dossiers"],
            "online_rate": row["online_rate"],
            "on_time_rate": row["on_time_rate"],
            "satisfaction": None,
            "responses": 0,
        }
    for row in satisfaction["units"]:
        entry = rows.setdefault(
            row["unit_id"],
            {"unit": row["unit"], "unit_id": row["unit_id"], "dossiers": 0, "online_rate": None, "on_time_rate": None},
        )
        entry["satisfaction"], entry["responses"] = row["index"], row["responses"]
    codes = dict(Unit.objects.filter(pk__in=rows).values_list("pk", "code"))
    for unit_id, entry in rows.items():
        entry["code"] = codes.get(unit_id, "")
    total = dossiers["total"]
    return {
        "period": period,
        "units": sorted(rows.values(), key=lambda r: r["unit"]),
        "total": {
            "dossiers": total["dossiers"],
            "online_rate": total["online_rate"],
            "on_time_rate": total["on_time_rate"],
            "satisfaction": satisfaction["total"]["index"],
            "responses": satisfaction["total"]["responses"],
        },
    }


def par_results() -> dict[str, Any] | None:
    """The ranking of the latest criteria set that has published assessments, among published ones only
    (an assessment is public once its status is "published": appraised and announced by the focal point)."""
    published = Assessment.objects.filter(status=AssessmentStatus.PUBLISHED)
    ids = site_unit_ids()
    if ids is not None:
        published = published.filter(unit_id__in=ids)
    criteria_set = CriteriaSet.objects.filter(assessments__in=published).distinct().order_by("-year", "-pk").first()
    if criteria_set is None:
        return None
    rows = [
        {
            "rank": entry["rank"],
            "unit": entry["assessment"].unit.short_name,
            "total": entry["total"],
            "band": entry["band"].name if entry["band"] else "",
        }
        for entry in ranking(criteria_set, published)
    ]
    return {"criteria_set": criteria_set.name, "year": criteria_set.year, "rows": rows}


def public_comments(limit: int = 5) -> list[dict[str, Any]]:
    """Approved survey comments: the text, the unit and the date only."""
    return [
        {"text": r.comment, "unit": r.unit.short_name, "on": r.answered_on}
        for r in published_comments(unit_ids=site_unit_ids(), limit=limit)
    ]


# --- Directives -------------------------------------------------------------------------------------------


def directives_public() -> QuerySet[Directive]:
    """Issued directives marked public (assignments.Directive.is_public)."""
    queryset = Directive.objects.filter(is_public=True).exclude(status=DirectiveStatus.DRAFT)
    ids = site_unit_ids()
    if ids is not None:
        queryset = queryset.filter(issuing_unit_id__in=ids)
    return queryset.select_related("issuing_unit").order_by("-date", "-pk")


def directive_progress(directive: Directive, *, on: dt.date | None = None) -> list[dict[str, Any]]:
    """Each item: its content and, per lead unit, the status and deadline. Nothing else (no reports, notes,
    files or people); cancelled tasks are left out."""
    tasks = with_status(
        Assignment.objects.exclude(cancelled_at__isnull=False).select_related("lead_unit"), on=on
    ).order_by("lead_unit__short_name")
    items = directive.items.order_by("order").prefetch_related(Prefetch("assignments", queryset=tasks))
    rows = []
    for item in items:
        rows.append(
            {
                "order": item.order,
                "content": item.content or item.raw_text,
                "tasks": [
                    {
                        "unit": task.lead_unit.short_name,
                        "deadline": task.deadline,
                        "status": task.status.label,  # from the status_code annotation (with_status)
                        "status_code": task.status.value,
                    }
                    for task in item.assignments.all()
                ],
            }
        )
    return rows


# --- Dossier lookup ---------------------------------------------------------------------------------------


def dossier_state(dossier: Dossier, on: dt.date) -> DossierState:
    if dossier.completed_on:
        late = dossier.due_on is not None and dossier.completed_on > dossier.due_on
        return DossierState.DONE_LATE if late else DossierState.DONE_ON_TIME
    if dossier.due_on is not None and dossier.due_on < on:
        return DossierState.OVERDUE
    return DossierState.IN_PROGRESS


def dossier_lookup(code: str, *, on: dt.date | None = None) -> list[dict[str, Any]]:
    """The status and due date of each dossier with this exact code (codes are unique per receiving unit, so
    rarely more than one). Only those two: never the applicant, the procedure or the officer."""
    on = on or timezone.localdate()
    queryset = Dossier.objects.filter(code=code.strip())
    ids = site_unit_ids()
    if ids is not None:
        queryset = queryset.filter(receiving_unit_id__in=ids)
    found = queryset.only("code", "due_on", "completed_on").order_by("pk")[:5]
    return [{"code": d.code, "status": dossier_state(d, on), "due_on": d.due_on} for d in found]
