import io
from decimal import Decimal

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from parindex.services import assessment_submit, evidence_add, score_set_self


def test_commune_cannot_see_another_communes_draft(client, district, assessments):
    a, b = assessments
    client.force_login(district.officer_a)
    assert client.get(reverse("parindex:assessment_detail", args=[a.pk])).status_code == 200
    assert client.get(reverse("parindex:assessment_detail", args=[b.pk])).status_code == 404
    score_b = b.scores.get(criterion__code="1.1.1")
    assert client.get(reverse("parindex:score_detail", args=[score_b.pk])).status_code == 404
    assert client.get(f"/api/v1/parindex/assessments/{b.pk}/").status_code == 404
    assert client.get(f"/api/v1/parindex/scores/{score_b.pk}/").status_code == 404
    ids = {row["id"] for row in client.get("/api/v1/parindex/assessments/").json()["results"]}
    assert ids == {a.pk}


def test_evidence_file_only_through_permission_check(client, district, assessments):
    _a, b = assessments
    score_b = b.scores.get(criterion__code="1.1.1")
    evidence = evidence_add(score=score_b, title="Bí mật", upload=SimpleUploadedFile("kh.pdf", b"%PDF-1.4 b"))
    assert "kh" not in evidence.file.name  # stored under a random name
    client.force_login(district.officer_a)
    assert client.get(reverse("parindex:evidence_file", args=[evidence.pk])).status_code == 404
    client.force_login(district.officer_b)
    response = client.get(reverse("parindex:evidence_file", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 b"


def test_published_results_visible_to_the_tree(client, district, assessments, settings):
    from parindex.services import assessment_appraise, assessment_publish

    a, _b = assessments
    for score in a.scores.filter(criterion__is_survey=False):
        score_set_self(score=score, value=Decimal(0))
    assessment_submit(assessment=a)
    assessment_appraise(assessment=a, decisions={}, finish=True)
    assessment_publish(assessment=a)
    client.force_login(district.officer_b)
    assert client.get(reverse("parindex:assessment_detail", args=[a.pk])).status_code == 200
    settings.PARINDEX_PUBLISHED_VISIBLE_TO = "unit"
    assert client.get(reverse("parindex:assessment_detail", args=[a.pk])).status_code == 404


def test_officer_scores_through_the_page_and_submits(client, district, assessments):
    a, _b = assessments
    client.force_login(district.officer_a)
    score = a.scores.get(criterion__code="1.1.1")
    response = client.post(reverse("parindex:score_detail", args=[score.pk]), {"action": "score", "self_score": "1"})
    assert "cần nhập giải trình" in response.content.decode()
    score.refresh_from_db()
    assert score.self_score is None  # refused: no evidence, no explanation
    client.post(
        reverse("parindex:score_detail", args=[score.pk]),
        {
            "action": "evidence",
            "title": "Kế hoạch CCHC",
            "number": "5/KH-UBND",
            "issued_on": "20/12/2025",
            "file": SimpleUploadedFile("kh.pdf", b"%PDF-1.4"),
        },
    )
    client.post(reverse("parindex:score_detail", args=[score.pk]), {"action": "score", "self_score": "1"})
    score.refresh_from_db()
    assert score.self_score == 1
    assert str(score.evidence.get().issued_on) == "2025-12-20"


def test_appraisal_only_by_the_level_above(client, district, assessments):
    a, _b = assessments
    for score in a.scores.filter(criterion__is_survey=False):
        score_set_self(score=score, value=Decimal(0))
    assessment_submit(assessment=a)
    score = a.scores.get(criterion__code="8.1")
    client.force_login(district.officer_a)
    client.post(reverse("parindex:assessment_detail", args=[a.pk]), {"action": "finish", f"appraised_{score.pk}": "15"})
    a.refresh_from_db()
    assert a.status == "submitted"
    client.force_login(district.focal)
    client.post(reverse("parindex:assessment_detail", args=[a.pk]), {"action": "finish", f"appraised_{score.pk}": "15"})
    a.refresh_from_db()
    assert a.status == "submitted"  # saved, then a confirmation page
    client.post(reverse("parindex:assessment_detail", args=[a.pk]), {"action": "finish", "confirm": "1"})
    a.refresh_from_db()
    assert a.status == "appraised"
    score.refresh_from_db()
    assert score.appraised_score == 15


def test_exports_reopen_with_numbers_and_vietnamese(client, district, assessments):
    a, _b = assessments
    score = a.scores.get(criterion__code="1.1.1")
    evidence_add(score=score, title="Kế hoạch cải cách hành chính", number="7/KH-UBND")
    score_set_self(score=score, value=Decimal(1))
    client.force_login(district.focal)
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("parindex:assessment_export", args=[a.pk, "xlsx"])).content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    row = next(r for r in rows if r[0] == "1.1.1")
    assert row[2:4] == (1, 1) and "7/KH-UBND Kế hoạch cải cách hành chính" in row[5]
    assert rows[-1][1] == "Tổng cộng" and rows[-1][3] == 1
    document = docx.Document(io.BytesIO(client.get(reverse("parindex:assessment_export", args=[a.pk, "docx"])).content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
    assert "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2026" in text
    assert "Công tác chỉ đạo điều hành cải cách hành chính" in cells


def test_api_self_score_and_submit(client, district, assessments):
    a, b = assessments
    client.force_login(district.officer_a)
    score = a.scores.get(criterion__code="1.1.1")
    bad = client.post(
        f"/api/v1/parindex/scores/{score.pk}/self-score/", {"self_score": "5"}, content_type="application/json"
    )
    assert bad.status_code == 400 and "vượt điểm tối đa" in bad.json()["message"]
    other = b.scores.get(criterion__code="1.1.1")
    assert (
        client.post(
            f"/api/v1/parindex/scores/{other.pk}/self-score/", {"self_score": "1"}, content_type="application/json"
        ).status_code
        == 404
    )
    response = client.post(f"/api/v1/parindex/assessments/{a.pk}/submit/")
    assert response.status_code == 400 and "Chưa chấm" in response.json()["message"]


def test_ranking_page(client, district, assessments, criteria_set, django_assert_max_num_queries):
    from organizations.tests.factories import UnitFactory
    from parindex.services import assessment_open

    for i in range(5):  # more communes must not mean more queries
        assessment_open(criteria_set=criteria_set, unit=UnitFactory(short_name=f"UBND xã {i}", parent=district.root))
    client.force_login(district.focal)
    with django_assert_max_num_queries(14):
        body = client.get(reverse("parindex:ranking", args=[criteria_set.pk])).content.decode()
    assert "UBND xã A" in body and "UBND xã B" in body


def test_set_upload_previews_then_imports(client, district):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from parindex.models import CriteriaSet
    from parindex.tests.conftest import SAMPLE

    client.force_login(district.focal)
    upload = SimpleUploadedFile("bo.csv", SAMPLE.read_bytes())
    response = client.post(reverse("parindex:set_import"), {"file": upload, "year": 2026, "name": "Bộ xã"})
    assert "39 tiêu chí, tổng điểm tối đa 100, điểm điều tra XHH 30" in response.content.decode()
    assert not CriteriaSet.objects.exists()  # the preview writes nothing
    response = client.post(
        reverse("parindex:set_import"),
        {"token": response.context["token"], "filename": "bo.csv", "year": 2026, "name": "Bộ xã"},
    )
    assert CriteriaSet.objects.get().criteria.count() == 39
    broken = SAMPLE.read_bytes().replace(b"1.1,K", b"1.9,K")
    body = client.post(
        reverse("parindex:set_import"), {"file": SimpleUploadedFile("x.csv", broken), "year": 2027, "name": "Hỏng"}
    ).content.decode()
    assert "không có mục cha" in body or "tổng các mục con" in body


def test_focal_point_edits_a_criterion_in_the_page(client, district, criteria_set):
    criterion = criteria_set.criteria.get(code="7.2.1")
    client.force_login(district.focal)
    url = reverse("parindex:set_detail", args=[criteria_set.pk])
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "action": "criterion",
            "criterion": criterion.pk,
            "content": "Tỷ lệ hồ sơ trực tuyến",
            "guidance": "",
            "responsible_name": "Trung tâm Phục vụ hành chính công",
            "metric_key": "onestop.online_rate",
            "scoring_rule": "≥ 60%: 3; ≥ 40%: 1,5; còn lại: 0",
        },
    )
    criterion.refresh_from_db()
    assert (criterion.content, criterion.metric_key) == ("Tỷ lệ hồ sơ trực tuyến", "onestop.online_rate")
    assert client.post(url, {"action": "criterion", "criterion": "²", "content": "Đổi"}).status_code == 404
    client.force_login(district.officer_a)
    client.post(url, {"action": "criterion", "criterion": criterion.pk, "content": "Đổi"})
    criterion.refresh_from_db()
    assert criterion.content == "Tỷ lệ hồ sơ trực tuyến"


def test_ranking_page_shows_a_changed_score_at_once(client, district, assessments, criteria_set):
    """The ranking is a cached fragment named by what it shows: a new score must give a new page, never the old one."""
    from parindex.services import score_set_self

    a, _b = assessments
    client.force_login(district.focal)
    url = reverse("parindex:ranking", args=[criteria_set.pk])

    def shown():
        body = client.get(url).content.decode()
        return body[body.index('id="ranking-chart"') : body.index('id="difference-note"')]

    before = shown()
    score = a.scores.filter(criterion__is_survey=False, criterion__children__isnull=True).first()
    score_set_self(score=score, value=score.criterion.max_points, explanation="Đã có báo cáo")
    after = shown()
    assert after != before
    assert shown() == after  # and the same data gives the same ranking
