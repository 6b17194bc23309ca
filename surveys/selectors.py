"""Satisfaction figures (DOMAIN §5): per factor, the share of answers "hài lòng" or "rất hài lòng"; the index is
the mean of the factor shares. Counted over responses whose date falls in [start, end] (inclusive)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from core.text import natural_key
from organizations.models import Unit
from surveys.choices import CommentStatus
from surveys.conf import questionnaire_code
from surveys.models import Answer, Factor, Questionnaire, Response, SurveyToken

FOUR = Decimal("0.0001")


def active_questionnaire() -> Questionnaire | None:
    return (
        Questionnaire.objects.filter(code=questionnaire_code(), is_active=True).first()
        or Questionnaire.objects.filter(is_active=True).first()
    )


def questionnaire_with_questions(questionnaire: Questionnaire) -> list[Factor]:
    return list(questionnaire.factors.prefetch_related("questions"))


def token_get(token: str) -> SurveyToken | None:
    return (
        SurveyToken.objects.select_related("dossier", "unit", "questionnaire").filter(token=token).first()
        if token
        else None
    )


def share(numerator: int, denominator: int) -> float | None:
    """A fraction rounded to 4 decimals (as the one-stop figures), None when there is nothing to divide."""
    return float((Decimal(numerator) / Decimal(denominator)).quantize(FOUR, ROUND_HALF_UP)) if denominator else None


def responses_in_period(*, start: dt.date, end: dt.date, unit_ids: Iterable[int] | None = None) -> QuerySet[Response]:
    queryset = Response.objects.filter(answered_on__gte=start, answered_on__lte=end)
    if unit_ids is not None:
        queryset = queryset.filter(unit_id__in=list(unit_ids))
    return queryset


def _figures(factor_rows: list[dict[str, Any]], factors: list[Factor], responses: int) -> dict[str, Any]:
    by_factor = {row["factor"]: row for row in factor_rows}
    out = []
    for factor in factors:
        row = by_factor.get(factor.pk, {"answers": 0, "satisfied": 0})
        value = share(row["satisfied"], row["answers"])
        out.append(
            {
                "factor": factor.code,
                "name": factor.name,
                "answers": row["answers"],
                "satisfied": row["satisfied"],
                "share_satisfied": value,
            }
        )
    exact = [Decimal(row["satisfied"]) / Decimal(row["answers"]) for row in by_factor.values() if row["answers"]]
    index = float((sum(exact, Decimal(0)) / len(exact)).quantize(FOUR, ROUND_HALF_UP)) if exact else None
    return {"responses": responses, "index": index, "factors": out}


def satisfaction_figures(
    *,
    start: dt.date,
    end: dt.date,
    unit_ids: Iterable[int] | None = None,
    questionnaire: Questionnaire | None = None,
) -> dict[str, Any]:
    """{"period", "total": {...}, "units": [{unit, unit_id, ...}]}: responses, per-factor answers / satisfied /
    share_satisfied, and the index (mean of the factor shares that have answers; null without any)."""
    questionnaire = questionnaire or active_questionnaire()
    period = {"from": start.isoformat(), "to": end.isoformat()}
    if questionnaire is None:
        return {"period": period, "total": {"responses": 0, "index": None, "factors": []}, "units": []}
    factors = list(questionnaire.factors.all())
    responses = responses_in_period(start=start, end=end, unit_ids=unit_ids).filter(questionnaire=questionnaire)
    answers = Answer.objects.filter(response__in=responses)
    satisfied = Count("pk", filter=Q(value__in=questionnaire.satisfied_values))
    per_unit_factor = answers.values("response__unit_id", "question__factor").annotate(
        answers=Count("pk"), satisfied=satisfied
    )
    rows: dict[int, list[dict[str, Any]]] = defaultdict(list)
    totals: dict[int, dict[str, int]] = defaultdict(lambda: {"answers": 0, "satisfied": 0})
    for row in per_unit_factor:
        factor_id = row["question__factor"]
        rows[row["response__unit_id"]].append(
            {"factor": factor_id, "answers": row["answers"], "satisfied": row["satisfied"]}
        )
        totals[factor_id]["answers"] += row["answers"]
        totals[factor_id]["satisfied"] += row["satisfied"]
    counts = dict(responses.values("unit_id").annotate(n=Count("pk")).values_list("unit_id", "n"))
    names = dict(Unit.objects.filter(pk__in=counts).values_list("pk", "short_name"))
    units = [
        {"unit": names[unit_id], "unit_id": unit_id, **_figures(rows.get(unit_id, []), factors, n)}
        for unit_id, n in counts.items()
    ]
    units.sort(key=lambda row: natural_key(row["unit"]))
    total_rows = [{"factor": factor_id, **values} for factor_id, values in totals.items()]
    return {"period": period, "total": _figures(total_rows, factors, sum(counts.values())), "units": units}


def monthly_index(*, start: dt.date, end: dt.date, unit_ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """The index month by month over the period (the trend)."""
    months = []
    cursor = start.replace(day=1)
    while cursor <= end:
        next_month = (cursor.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        month_start, month_end = max(cursor, start), min(next_month - dt.timedelta(days=1), end)
        total = satisfaction_figures(start=month_start, end=month_end, unit_ids=unit_ids)["total"]
        months.append(
            {"month": f"{cursor.month:02d}/{cursor.year}", "responses": total["responses"], "index": total["index"]}
        )
        cursor = next_month
    return months


def comments(
    *, start: dt.date, end: dt.date, unit_ids: Iterable[int] | None = None, status: str | None = None
) -> QuerySet[Response]:
    queryset = responses_in_period(start=start, end=end, unit_ids=unit_ids).exclude(comment_status=CommentStatus.NONE)
    if status:
        queryset = queryset.filter(comment_status=status)
    return queryset.select_related("unit").order_by("comment_status", "-answered_on", "-pk")


def published_comments(*, unit_ids: Iterable[int] | None = None, limit: int = 20) -> QuerySet[Response]:
    """Comments a moderator approved: the only ones anyone but staff may see."""
    queryset = Response.objects.filter(comment_status=CommentStatus.APPROVED)
    if unit_ids is not None:
        queryset = queryset.filter(unit_id__in=list(unit_ids))
    return queryset.select_related("unit").order_by("-answered_on", "-pk")[:limit]
