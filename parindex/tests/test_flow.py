from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.errors import ApplicationError
from parindex.models import Score
from parindex.selectors import assessment_totals, assessments_visible_to, ranking
from parindex.services import (
    assessment_appraise,
    assessment_open,
    assessment_publish,
    assessment_submit,
    evidence_add,
    score_set_self,
)


def _fill(assessment, value_ratio):
    for score in assessment.scores.select_related("criterion").filter(criterion__is_survey=False):
        score_set_self(score=score, value=score.criterion.max_points * value_ratio, explanation="Đã thực hiện")


def test_open_assessment_creates_leaf_scores_once(assessments, criteria_set, district):
    a, _b = assessments
    leaves = criteria_set.criteria.filter(children__isnull=True).count()
    assert a.scores.count() == leaves
    assert assessment_open(criteria_set=criteria_set, unit=district.a).pk == a.pk
    assert a.scores.count() == leaves


def test_score_cannot_exceed_max(assessments):
    score = assessments[0].scores.get(criterion__code="1.1.1")
    with pytest.raises(ApplicationError, match="vượt điểm tối đa"):
        score_set_self(score=score, value=Decimal(2), explanation="x")


def test_positive_score_without_evidence_needs_explanation(assessments):
    score = assessments[0].scores.get(criterion__code="1.1.1")
    with pytest.raises(ApplicationError, match="giải trình"):
        score_set_self(score=score, value=Decimal(1))
    evidence_add(
        score=score,
        title="Kế hoạch CCHC 2026",
        number="1/KH-UBND",
        upload=SimpleUploadedFile("kh.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    )
    assert score_set_self(score=score, value=Decimal(1)).self_score == 1


def test_survey_criteria_are_not_self_scored(assessments):
    score = assessments[0].scores.get(criterion__code="8.1")
    with pytest.raises(ApplicationError, match="điều tra xã hội học"):
        score_set_self(score=score, value=Decimal(10), explanation="x")


def test_forbidden_or_oversized_evidence(assessments, settings):
    score = assessments[0].scores.get(criterion__code="1.1.1")
    with pytest.raises(ApplicationError, match="không được phép"):
        evidence_add(score=score, title="x", upload=SimpleUploadedFile("a.exe", b"MZ"))
    settings.UPLOAD_MAX_MB = 0
    with pytest.raises(ApplicationError, match="quá lớn"):
        evidence_add(score=score, title="x", upload=SimpleUploadedFile("a.pdf", b"%PDF"))


def test_full_flow_totals_and_ranking(assessments, criteria_set, district):
    a, b = assessments
    _fill(a, Decimal("0.9"))
    _fill(b, Decimal("0.5"))
    with pytest.raises(ApplicationError):
        assessment_publish(assessment=a)
    assessment_submit(assessment=a)
    assessment_submit(assessment=b)
    with pytest.raises(ApplicationError, match="Bản tự đánh giá đang ở trạng thái"):
        score_set_self(score=a.scores.get(criterion__code="1.1.1"), value=Decimal(0))
    surveys = {
        s.pk: (s.criterion.max_points, "") for s in Score.objects.filter(assessment=a, criterion__is_survey=True)
    }
    lowered = a.scores.get(criterion__code="1.2")
    with pytest.raises(ApplicationError, match="cần ghi lý do"):
        assessment_appraise(assessment=a, decisions={lowered.pk: (Decimal(0), "")})
    assessment_appraise(
        assessment=a, decisions={**surveys, lowered.pk: (Decimal(0), "Báo cáo quý III gửi chậm")}, finish=True
    )
    assessment_publish(assessment=a)
    totals = assessment_totals(a)
    assert totals.self_total == Decimal("63")  # 70 self-scored points × 0.9
    assert totals.appraised_total == Decimal("63") - Decimal("0.9") + 30
    entries = ranking(criteria_set, assessments_visible_to(district.focal))
    assert [e["assessment"].unit for e in entries] == [district.a, district.b]
    assert entries[0]["band"].name == "Tốt"  # 92.1
    assert entries[1]["band"].name == "Yếu"  # 35 self-assessed, not appraised
    assert entries[0]["difference"] == Decimal("-0.9")


def test_submit_refuses_unscored_criteria(assessments):
    with pytest.raises(ApplicationError, match="Chưa chấm các tiêu chí: 1.1.1"):
        assessment_submit(assessment=assessments[0])


def test_evidence_carried_to_next_year_when_still_valid(assessments, criteria_set, district):
    import datetime as dt

    from parindex.services import criteria_set_copy

    score = assessments[0].scores.get(criterion__code="1.1.1")
    keep = evidence_add(score=score, title="Quy chế làm việc", valid_to=None)
    evidence_add(score=score, title="Kế hoạch 2026", valid_to=dt.date(2026, 12, 31))
    next_set = criteria_set_copy(source=criteria_set, year=2027, name="Bộ chỉ số xã 2027")
    next_year = assessment_open(criteria_set=next_set, unit=district.a)
    carried = list(next_year.scores.get(criterion__code="1.1.1").evidence.all())
    assert carried == [keep]


def test_opening_can_assign_the_work_to_responsible_units(district, criteria_set):
    from assignments.models import Assignment
    from organizations.tests.factories import UnitFactory

    office = UnitFactory(short_name="Văn phòng HĐND và UBND", kind="agency", parent=district.a)
    assessment = assessment_open(criteria_set=criteria_set, unit=district.a, assign_work_by=district.focal)
    by_unit = {a.lead_unit: a for a in Assignment.objects.all()}
    assert set(by_unit) == {office, district.a}
    assert "1.1.1" in by_unit[office].content and "3.2" in by_unit[district.a].content
    assert assessment.scores.get(criterion__code="1.1.1").responsible_unit == office
