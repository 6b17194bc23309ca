"""Criteria sets are a shared catalogue with an owner (issue 9): only the owner's focal point (or an
administrator) edits them; a copy belongs to the copier's unit and is seen only in its tree."""

import pytest
from django.urls import reverse

from organizations.choices import Role
from organizations.tests.factories import MembershipFactory, UnitFactory, UserFactory
from parindex.models import CriteriaSet, Criterion


@pytest.fixture
def province(db):
    root = UnitFactory(code="P2", short_name="UBND tỉnh Khác", kind="committee")
    focal = UserFactory(username="focal_p2")
    MembershipFactory(user=focal, unit=root, role=Role.FOCAL_POINT)
    leader = UserFactory(username="leader_p2")
    MembershipFactory(user=leader, unit=root, role=Role.LEADER)
    return type("Province", (), {"root": root, "focal": focal, "leader": leader})


def _criteria():
    return list(Criterion.objects.order_by("pk").values())


EDIT = {
    "action": "criterion",
    "content": "Đã bị sửa",
    "guidance": "",
    "responsible_name": "",
    "metric_key": "",
    "scoring_rule": "",
}


def test_another_provinces_focal_point_cannot_edit_a_criterion(client, criteria_set, province):
    criterion = criteria_set.criteria.get(code="7.2.1")
    before = _criteria()
    client.force_login(province.focal)
    response = client.post(reverse("parindex:set_detail", args=[criteria_set.pk]), {**EDIT, "criterion": criterion.pk})
    assert response.status_code == 404
    assert _criteria() == before


def test_a_leader_of_the_owning_tree_cannot_edit_a_criterion(client, criteria_set, district):
    leader = UserFactory(username="leader_d")
    MembershipFactory(user=leader, unit=district.root, role=Role.LEADER)
    criterion = criteria_set.criteria.get(code="7.2.1")
    before = _criteria()
    client.force_login(leader)
    response = client.post(reverse("parindex:set_detail", args=[criteria_set.pk]), {**EDIT, "criterion": criterion.pk})
    assert response.status_code == 403
    assert _criteria() == before


def test_a_copy_belongs_to_the_copier_and_is_seen_only_in_its_tree(client, criteria_set, district, province):
    national = CriteriaSet.objects.create(year=2025, name="Bộ chỉ số chung", owner_unit=None)
    client.force_login(district.focal)
    response = client.post(
        reverse("parindex:set_detail", args=[national.pk]), {"action": "copy", "year": 2027, "name": "Bản sao"}
    )
    copy = CriteriaSet.objects.get(name="Bản sao")
    assert response.status_code == 302
    assert copy.owner_unit == district.root
    client.force_login(province.focal)
    assert "Bản sao" not in client.get(reverse("parindex:set_list")).content.decode()
    assert client.get(reverse("parindex:set_detail", args=[copy.pk])).status_code == 404
    assert client.get(reverse("parindex-api:criteriaset-detail", args=[copy.pk])).status_code == 404


def test_a_leader_cannot_copy_a_set(client, criteria_set, province):
    national = CriteriaSet.objects.create(year=2025, name="Bộ chỉ số chung", owner_unit=None)
    client.force_login(province.leader)
    response = client.post(
        reverse("parindex:set_detail", args=[national.pk]), {"action": "copy", "year": 2027, "name": "Bản sao"}
    )
    assert response.status_code == 403
    assert not CriteriaSet.objects.filter(name="Bản sao").exists()


def test_non_numeric_criterion_is_a_404(client, criteria_set, district):
    client.force_login(district.focal)
    response = client.post(reverse("parindex:set_detail", args=[criteria_set.pk]), {**EDIT, "criterion": "abc"})
    assert response.status_code == 404


def test_appraise_with_keys_that_are_not_score_ids_is_a_400(assessments, district):
    from rest_framework.test import APIClient

    from parindex.choices import AssessmentStatus

    assessment = assessments[0]
    type(assessment).objects.filter(pk=assessment.pk).update(status=AssessmentStatus.SUBMITTED)
    api = APIClient()
    api.force_authenticate(district.focal)
    url = f"/api/v1/parindex/assessments/{assessment.pk}/appraise/"
    response = api.post(url, {"scores": {"x": {"value": 1}}}, format="json")
    assert response.status_code == 400
    assert "mã điểm tiêu chí" in str(response.json())
    assert api.post(url, {"scores": {"1": ["x"]}}, format="json").status_code == 400
    assert api.post(url, {"scores": {"²": {"value": 1}}}, format="json").status_code == 400  # isdigit() but not int()
    assert api.post(url, [], format="json").status_code == 400


def test_an_executable_named_pdf_is_refused_as_evidence(assessments):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.errors import ApplicationError
    from parindex.models import Evidence
    from parindex.services import evidence_add

    score = assessments[0].scores.get(criterion__code="1.1.1")
    exe = SimpleUploadedFile("minh-chung.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    with pytest.raises(ApplicationError, match="«minh-chung.pdf» là chương trình chạy được"):
        evidence_add(score=score, title="Quyết định", upload=exe)
    assert Evidence.objects.count() == 0
