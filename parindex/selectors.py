"""Reads of the PAR Index: the scored tree, totals per field, rankings, suggested scores."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from core.metrics import MetricValue, get_metric
from core.periods import year as calendar_year
from organizations import permissions
from organizations.models import Unit
from parindex.choices import AssessmentStatus
from parindex.conf import published_visible_to
from parindex.models import Assessment, CriteriaSet, Criterion, RankingBand, Score
from parindex.scoring import parse_rule

ZERO = Decimal(0)


def assessments_visible_to(user) -> QuerySet[Assessment]:
    """Drafts and appraisals: the assessed unit's scope and the appraisers above it. Published results:
    everyone in the tree (PARINDEX_PUBLISHED_VISIBLE_TO = "tree") or the unit only ("unit")."""
    qs = Assessment.objects.select_related("unit", "criteria_set")
    view, directory = permissions.unit_ids(user, "view"), permissions.unit_ids(user, "directory")
    if view is None:
        return qs
    condition = Q(unit_id__in=view)
    if published_visible_to() == "tree":
        condition |= Q(status=AssessmentStatus.PUBLISHED, unit_id__in=directory)
    return qs.filter(condition)


def can_appraise(user, assessment: Assessment) -> bool:
    """The council works above the assessed unit: manage scope on its parent (or superuser)."""
    parent_id = assessment.unit.parent_id
    return bool(user.is_superuser) or (parent_id is not None and permissions.can(user, "manage", parent_id))


def can_edit(user, assessment: Assessment) -> bool:
    return assessment.status == AssessmentStatus.DRAFT and (
        permissions.can(user, "change", assessment.unit_id) or can_appraise(user, assessment)
    )


@dataclass
class Row:
    criterion: Criterion
    score: Score | None = None
    self_total: Decimal | None = None
    appraised_total: Decimal | None = None
    suggestion: tuple[Decimal | None, MetricValue] | None = None
    children: list[Row] = field(default_factory=list)


def suggested_score(
    criterion: Criterion, unit: Unit, year: int, memo: dict[str, MetricValue] | None = None
) -> tuple[Decimal | None, MetricValue] | None:
    """Points the rule gives for the linked figure over the calendar year, with the figure behind them.
    `memo` keeps each metric's value for the unit and year: criteria sharing a metric compute it once (the
    one-stop metrics also share one cached computation of the unit's year, onestop.selectors)."""
    if not (criterion.metric_key and criterion.scoring_rule):
        return None
    metric = get_metric(criterion.metric_key)
    if metric is None:
        return None
    memo = memo if memo is not None else {}
    if metric.key not in memo:
        period = calendar_year(year)
        memo[metric.key] = metric.compute(unit, period.start, period.end)
    value = memo[metric.key]
    return parse_rule(criterion.scoring_rule).points_for(value.value), value


def _sum(values) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, ZERO) if present else None


def assessment_rows(
    assessment: Assessment,
    *,
    with_suggestions: bool = False,
    criteria: list[Criterion] | None = None,
    scores: list[Score] | None = None,
) -> list[Row]:
    """Every criterion of the set in tree order, leaves with their score, parents with subtotals.
    `criteria` and `scores` may be passed preloaded (rankings compute many assessments at once)."""
    if criteria is None:
        criteria = list(assessment.criteria_set.criteria.order_by("position"))
    if scores is None:
        scores = list(assessment.scores.select_related("responsible_unit").prefetch_related("evidence"))
    by_criterion = {s.criterion_id: s for s in scores}
    rows = {c.pk: Row(criterion=c, score=by_criterion.get(c.pk)) for c in criteria}
    for criterion in criteria:
        if criterion.parent_id:
            rows[criterion.parent_id].children.append(rows[criterion.pk])
    memo: dict[str, MetricValue] = {}
    for criterion in reversed(criteria):  # children come after parents: fill totals bottom-up
        row = rows[criterion.pk]
        if row.children:
            row.self_total = _sum(child.self_total for child in row.children)
            row.appraised_total = _sum(child.appraised_total for child in row.children)
        elif row.score:
            row.self_total = row.score.self_score
            row.appraised_total = row.score.appraised_score
            if with_suggestions:
                row.suggestion = suggested_score(criterion, assessment.unit, assessment.criteria_set.year, memo)
    return [rows[c.pk] for c in criteria]


@dataclass
class Totals:
    self_total: Decimal
    appraised_total: Decimal | None
    survey: Decimal | None
    fields: list[dict]

    @property
    def final(self) -> Decimal:
        return self.appraised_total if self.appraised_total is not None else self.self_total


def assessment_totals(assessment: Assessment, rows: list[Row] | None = None) -> Totals:
    rows = rows if rows is not None else assessment_rows(assessment)
    roots = [r for r in rows if r.criterion.parent_id is None]
    fields = []
    for root in roots:
        final = root.appraised_total if root.appraised_total is not None else root.self_total
        fields.append(
            {
                "code": root.criterion.code,
                "content": root.criterion.content,
                "max": root.criterion.max_points,
                "self": root.self_total,
                "appraised": root.appraised_total,
                "percent": (final / root.criterion.max_points * 100).quantize(Decimal("0.1"))
                if final is not None and root.criterion.max_points
                else None,
            }
        )
    appraised = [r.appraised_total for r in roots if r.appraised_total is not None]
    survey = _sum(r.score.appraised_score for r in rows if r.score and r.criterion.is_survey)
    return Totals(
        self_total=_sum(r.self_total for r in roots) or ZERO,
        appraised_total=sum(appraised, ZERO) if appraised else None,
        survey=survey,
        fields=fields,
    )


def band_for(points: Decimal, bands: list[RankingBand]) -> RankingBand | None:
    return next((b for b in bands if points >= b.min_points), None)


def totals_of(assessments: list[Assessment]) -> dict[int, Totals]:
    """Totals of many assessments in two queries: their sets' criteria, and all their scores as plain values.

    The same figures as `assessment_totals(assessment_rows(…))` (a test holds them equal), without a Row and a
    Score object per criterion and assessment: a province's ranking (100 assessments × 60 criteria) spent most
    of its 140 ms of CPU building those (issue 10). A field's total is the sum of the scores of the leaves
    under it, None when none is scored; criteria with children count only through their leaves."""
    trees: dict[int, _Tree] = {}
    for criterion in Criterion.objects.filter(criteria_set__in={a.criteria_set_id for a in assessments}).order_by(
        "position"
    ):
        trees.setdefault(criterion.criteria_set_id, _Tree()).add(criterion)
    values: dict[int, list[tuple[int, Decimal | None, Decimal | None]]] = {a.pk: [] for a in assessments}
    for assessment_id, criterion_id, self_score, appraised in Score.objects.filter(
        assessment__in=assessments
    ).values_list("assessment_id", "criterion_id", "self_score", "appraised_score"):
        values[assessment_id].append((criterion_id, self_score, appraised))
    return {a.pk: trees.get(a.criteria_set_id, _Tree()).totals(values[a.pk]) for a in assessments}


class _Tree:
    """A criteria set as the totals need it: each criterion's root field, which are leaves, which are surveys."""

    def __init__(self) -> None:
        self.roots: list[Criterion] = []
        self.root_of: dict[int, int] = {}
        self.parents: set[int] = set()
        self.surveys: set[int] = set()

    def add(self, criterion: Criterion) -> None:  # in position order: parents before children
        if criterion.parent_id is None:
            self.roots.append(criterion)
            self.root_of[criterion.pk] = criterion.pk
        else:
            self.root_of[criterion.pk] = self.root_of.get(criterion.parent_id, criterion.parent_id)
            self.parents.add(criterion.parent_id)
        if criterion.is_survey:
            self.surveys.add(criterion.pk)

    def totals(self, scores: list[tuple[int, Decimal | None, Decimal | None]]) -> Totals:
        own: dict[int, list[Decimal | None]] = {root.pk: [None, None] for root in self.roots}
        survey: Decimal | None = None
        for criterion_id, self_score, appraised in scores:
            if criterion_id in self.surveys and appraised is not None:
                survey = appraised if survey is None else survey + appraised
            if criterion_id in self.parents or criterion_id not in self.root_of:
                continue
            sums = own[self.root_of[criterion_id]]
            if self_score is not None:
                sums[0] = self_score if sums[0] is None else sums[0] + self_score
            if appraised is not None:
                sums[1] = appraised if sums[1] is None else sums[1] + appraised
        fields: list[dict[str, Any]] = []
        for root in self.roots:
            self_total, appraised_total = own[root.pk]
            final = appraised_total if appraised_total is not None else self_total
            fields.append(
                {
                    "code": root.code,
                    "content": root.content,
                    "max": root.max_points,
                    "self": self_total,
                    "appraised": appraised_total,
                    "percent": (final / root.max_points * 100).quantize(Decimal("0.1"))
                    if final is not None and root.max_points
                    else None,
                }
            )
        appraised_fields = [f["appraised"] for f in fields if f["appraised"] is not None]
        return Totals(
            self_total=_sum(f["self"] for f in fields) or ZERO,
            appraised_total=sum(appraised_fields, ZERO) if appraised_fields else None,
            survey=survey,
            fields=fields,
        )


def ranking(criteria_set: CriteriaSet, assessments: QuerySet[Assessment]) -> list[dict]:
    """Assessments of the set ranked by total (appraised where it exists), with band and last year's total."""
    bands = list(RankingBand.objects.all())
    current = list(assessments.filter(criteria_set=criteria_set).select_related("unit"))
    previous = {
        a.unit_id: a
        for a in Assessment.objects.filter(
            unit__in=[a.unit_id for a in current], criteria_set__year=criteria_set.year - 1
        )
    }
    totals = totals_of(current + list(previous.values()))
    entries: list[dict[str, Any]] = []
    for assessment in current:
        own = totals[assessment.pk]
        last = previous.get(assessment.unit_id)
        entries.append(
            {
                "assessment": assessment,
                "totals": own,
                "total": own.final,
                "band": band_for(own.final, bands),
                "last_year": totals[last.pk].final if last else None,
            }
        )
    entries.sort(key=lambda e: (-e["total"], e["assessment"].unit.short_name))
    for rank, entry in enumerate(entries, start=1):
        entry["rank"] = rank
        entry["change"] = entry["total"] - entry["last_year"] if entry["last_year"] is not None else None
        # Survey points are never self-scored: compare like with like.
        appraised, survey = entry["totals"].appraised_total, entry["totals"].survey or ZERO
        entry["difference"] = appraised - survey - entry["totals"].self_total if appraised is not None else None
    return entries


def points_lost(criteria_set: CriteriaSet, assessments: QuerySet[Assessment], limit: int = 10) -> list[dict]:
    """Leaf criteria where the assessed units lost most points (max − appraised, else self): summed in SQL."""
    got = Coalesce("appraised_score", "self_score")
    rows = (
        Score.objects.filter(assessment__in=assessments.filter(criteria_set=criteria_set).values("pk"))
        .exclude(appraised_score__isnull=True, self_score__isnull=True)
        .order_by()
        .values("criterion_id")
        .annotate(lost=Sum(F("criterion__max_points") - got))
    )
    top = sorted(((row["criterion_id"], row["lost"]) for row in rows), key=lambda item: -item[1])[:limit]
    names = Criterion.objects.in_bulk([pk for pk, _value in top])
    return [{"criterion": names[pk], "lost": value} for pk, value in top if value > 0]


def evidence_candidates(assessment: Assessment):
    """Assignments the unit completed in the year: candidates for evidence."""
    from assignments.selectors import assignments_completed

    period = calendar_year(assessment.criteria_set.year)
    unit_ids = list(Unit.objects.descendants(assessment.unit, include_self=True).values_list("pk", flat=True))
    return assignments_completed(unit_ids=unit_ids, start=period.start, end=period.end)


HOME_ROWS_SHOWN = 5


def home_flags(*, user, today) -> dict[str, Any] | None:
    """For those who manage units: self-assessments of their tree not yet sent for appraisal (two queries)."""
    manage = permissions.unit_ids(user, "manage")
    if manage is not None and not manage:
        return None
    drafts = Assessment.objects.filter(status=AssessmentStatus.DRAFT).select_related(
        "unit", "unit__parent", "criteria_set"
    )
    if manage is not None:
        drafts = drafts.filter(unit_id__in=manage)
    drafts = drafts.order_by("deadline", "unit__short_name")
    return {
        "template": "parindex/_home.html",
        "drafts": list(drafts[:HOME_ROWS_SHOWN]),
        "draft_count": drafts.count(),
        "today": today,
    }


def other_evidence_candidates(assessment: Assessment) -> list:
    """Documents other apps offer as evidence (core.evidence): ISO announcements, audit reports, file lists…"""
    from core.evidence import evidence_candidates as registered

    period = calendar_year(assessment.criteria_set.year)
    unit_ids = list(Unit.objects.descendants(assessment.unit, include_self=True).values_list("pk", flat=True))
    return registered(unit_ids, period.start, period.end)[:30]
