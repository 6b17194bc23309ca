"""Submit, finish and publish ask for a confirmation that states the consequences; nothing changes before it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from parindex.services import assessment_appraise, assessment_submit, score_set_self

pytestmark = pytest.mark.django_db


def _scored(a, value=Decimal(1)):
    for score in a.scores.select_related("criterion").filter(criterion__is_survey=False):
        score_set_self(score=score, value=min(value, score.criterion.max_points), explanation="Đã thực hiện")


def test_submit_asks_first_then_submits(client, district, assessments):
    a, _b = assessments
    _scored(a)
    url = reverse("parindex:assessment_detail", args=[a.pk])
    client.force_login(district.officer_a)
    body = client.post(url, {"action": "submit"}).content.decode()
    assert "Gửi bản tự đánh giá để thẩm định?" in body
    assert "Sau khi gửi, đơn vị không sửa được điểm tự đánh giá" in body
    assert "UBND huyện Thử" in body  # who appraises it
    a.refresh_from_db()
    assert a.status == "draft"
    client.post(url, {"action": "submit", "confirm": "1"})
    a.refresh_from_db()
    assert a.status == "submitted"


def test_no_running_appraisal_total_while_appraising(client, district, assessments):
    a, _b = assessments
    _scored(a)
    assessment_submit(assessment=a)
    client.force_login(district.focal)
    body = client.get(reverse("parindex:assessment_detail", args=[a.pk])).content.decode()
    assert 'id="appraised-total"' not in body
    assert "Tổng điểm thẩm định có khi hoàn thành thẩm định." in body


def test_finish_message_says_finished_with_total(client, district, assessments):
    a, _b = assessments
    _scored(a)
    assessment_submit(assessment=a)
    survey = a.scores.get(criterion__code="8.1")
    url = reverse("parindex:assessment_detail", args=[a.pk])
    client.force_login(district.focal)
    body = client.post(url, {"action": "finish", f"appraised_{survey.pk}": "10"}).content.decode()
    assert "Hoàn thành thẩm định?" in body and "Điểm thẩm định bạn vừa nhập đã được lưu." in body
    survey.refresh_from_db()
    assert survey.appraised_score == 10
    response = client.post(url, {"action": "finish", "confirm": "1"}, follow=True)
    text = response.content.decode()
    assert "Đã hoàn thành thẩm định: tổng điểm thẩm định" in text
    assert "Đã lưu điểm thẩm định." not in text


def test_publish_asks_first(client, district, assessments):
    a, _b = assessments
    _scored(a)
    assessment_submit(assessment=a)
    assessment_appraise(assessment=a, decisions={}, finish=True)
    url = reverse("parindex:assessment_detail", args=[a.pk])
    client.force_login(district.focal)
    body = client.post(url, {"action": "publish"}).content.decode()
    assert "Việc công bố không hoàn tác được." in body
    a.refresh_from_db()
    assert a.status == "appraised"
    client.post(url, {"action": "publish", "confirm": "1"})
    a.refresh_from_db()
    assert a.status == "published"


def test_ranking_explains_that_survey_points_are_left_out_of_the_difference(
    client, district, assessments, criteria_set
):
    a, _b = assessments
    _scored(a)
    assessment_submit(assessment=a)
    survey = a.scores.get(criterion__code="8.1")
    assessment_appraise(assessment=a, decisions={survey.pk: (Decimal(10), "")}, finish=True)
    client.force_login(district.focal)
    body = client.get(reverse("parindex:ranking", args=[criteria_set.pk])).content.decode()
    assert "không tính điểm điều tra xã hội học" in body


def test_ranking_chart_bars_coloured_by_band_with_band_lines(client, district, assessments, criteria_set):
    from parindex.models import RankingBand

    a, _b = assessments
    _scored(a)
    assessment_submit(assessment=a)
    assessment_appraise(assessment=a, decisions={}, finish=True)
    client.force_login(district.focal)
    response = client.get(reverse("parindex:ranking", args=[criteria_set.pk]))
    chart = response.context["chart"]
    bands = list(RankingBand.objects.all())
    assert len(chart.rules) == len(bands)
    assert {m.label for m in chart.marks} == {"UBND xã A", "UBND xã B"}
    assert all(m.css.startswith("band-") or m.css == "muted" for m in chart.marks)
    body = response.content.decode()
    assert 'id="ranking-chart"' in body and 'id="ranking"' in body
