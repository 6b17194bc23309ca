"""Demo PAR Index data: the sample commune set for 2026, three communes assessed, one appraised."""

from decimal import Decimal
from pathlib import Path

from organizations.models import Unit
from parindex.choices import AssessmentStatus
from parindex.models import Criterion, Score
from parindex.services import (
    assessment_appraise,
    assessment_open,
    assessment_submit,
    criteria_import,
    criterion_update,
    evidence_add,
    score_set_self,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RULES = {
    "7.2.1": ("onestop.online_rate", "≥ 60%: 3; ≥ 40%: 1,5; còn lại: 0"),
    "7.2.2": ("onestop.online_procedure_uptake", "≥ 50%: 3; ≥ 30%: 1,5; còn lại: 0"),
    "3.2": ("onestop.on_time_rate", "≥ 100%: 5; ≥ 95%: 3; còn lại: 0"),
    "1.5": ("assignments.on_time_rate", "≥ 100%: 4; ≥ 80%: 2; còn lại: 0"),
}


def _score_all(assessment, ratio: Decimal) -> None:
    for score in assessment.scores.select_related("criterion").filter(criterion__is_survey=False):
        if score.self_score is not None:
            continue
        value = (score.criterion.max_points * ratio).quantize(Decimal("0.5"))
        score_set_self(score=score, value=value, explanation="Đã thực hiện theo kế hoạch; tài liệu lưu tại văn phòng.")


def load_demo() -> None:
    criteria_set, _summary = criteria_import(
        source=FIXTURES / "bo-chi-so-xa-2026.csv", year=2026, name="Bộ chỉ số xã 2026"
    )
    for code, (metric, rule) in RULES.items():
        criterion = Criterion.objects.get(criteria_set=criteria_set, code=code)
        try:
            criterion_update(criterion=criterion, metric_key=metric, scoring_rule=rule)
        except Exception:  # noqa: BLE001,S112 - a metric whose app is absent is simply not linked
            continue
    plan = {"CT-TANPHU": Decimal("0.9"), "CT-ANHOA": Decimal("0.75"), "CT-LONGDIEN": Decimal("0.6")}
    for code, ratio in plan.items():
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            continue
        assessment = assessment_open(criteria_set=criteria_set, unit=unit)
        if assessment.status != AssessmentStatus.DRAFT:
            continue
        first = assessment.scores.select_related("criterion").get(criterion__code="1.1.1")
        if not first.evidence.exists():
            evidence_add(score=first, title="Kế hoạch CCHC năm 2026", number="12/KH-UBND", issuer=unit.short_name)
        _score_all(assessment, ratio)
        if code != "CT-LONGDIEN":
            assessment_submit(assessment=assessment)
        if code == "CT-TANPHU":
            surveys = Score.objects.filter(assessment=assessment, criterion__is_survey=True).select_related("criterion")
            decisions = {s.pk: (s.criterion.max_points * Decimal("0.8"), "") for s in surveys}
            assessment_appraise(assessment=assessment, decisions=decisions, finish=True)


DEMO_UNITS = ("CT-TANPHU", "CT-ANHOA", "CT-LONGDIEN")


def remove_demo() -> int:
    """Delete the demo assessments (and their evidence "12/KH-UBND"), then the demo criteria set if nothing else
    uses it."""
    from parindex.models import Assessment, CriteriaSet, Evidence

    removed = 0
    for criteria_set in CriteriaSet.objects.filter(year=2026, name="Bộ chỉ số xã 2026"):
        demo = Assessment.objects.filter(criteria_set=criteria_set, unit__code__in=DEMO_UNITS)
        removed += demo.delete()[0]
        if not criteria_set.assessments.exists():
            removed += criteria_set.delete()[0]
    evidence = Evidence.objects.filter(
        number="12/KH-UBND", title="Kế hoạch CCHC năm 2026", owner_unit__code__in=DEMO_UNITS
    )
    removed += evidence.filter(scores__isnull=True).delete()[0]
    return removed
