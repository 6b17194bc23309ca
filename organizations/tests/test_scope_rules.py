"""Scope rules settled in organizations/permissions.py (see docs/roles.md)."""

import pytest
from django.test import Client

from organizations import permissions
from organizations.choices import Role
from organizations.tests.factories import MembershipFactory, UnitFactory, UserFactory


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def head_of_a(org, focal_point):
    """The head (leader) of office A, whose officer is the tree's focal point."""
    user = UserFactory(username="head_a")
    MembershipFactory(user=user, unit=org.a, role=Role.LEADER)
    return user


@pytest.mark.django_db
def test_head_of_the_focal_points_office_reads_the_tree_but_changes_only_below_him(head_of_a, org):
    assert permissions.can(head_of_a, "view", org.c.pk)
    assert not permissions.can(head_of_a, "change", org.c.pk)
    assert not permissions.can(head_of_a, "manage", org.c.pk)
    assert not permissions.can(head_of_a, "view", org.x.pk)  # never another tree


@pytest.mark.django_db
def test_a_leader_without_focal_point_in_his_unit_keeps_his_subtree(org):
    user = UserFactory(username="head_b")
    MembershipFactory(user=user, unit=org.b, role=Role.LEADER)
    assert not permissions.can(user, "view", org.c.pk)


@pytest.mark.django_db
def test_head_of_a_opens_commune_assessment_his_officer_appraises(head_of_a, org):
    from parindex.services import assessment_open, criteria_import
    from parindex.tests.conftest import SAMPLE

    criteria_set, _summary = criteria_import(source=SAMPLE, year=2026, name="Bộ chỉ số xã 2026")
    assessment = assessment_open(criteria_set=criteria_set, unit=org.c)
    assert _client(head_of_a).get(f"/chi-so-cchc/danh-gia/{assessment.pk}/").status_code == 200


@pytest.mark.django_db
def test_oversight_unit_picker_lists_only_units_in_view_scope(officer_a, org):
    body = _client(officer_a).get("/nhiem-vu/theo-doi/").content.decode()
    picker = body[body.index('name="tree"') : body.index("</select>", body.index('name="tree"'))]
    assert "Phòng Nội vụ" in picker
    assert "Phòng Tư pháp" not in picker and "UBND xã Tân Phú" not in picker


@pytest.mark.django_db
def test_units_with_the_same_name_show_their_parent(focal_point, org):
    UnitFactory(code="C-KT", short_name="Phòng Kinh tế", kind="agency", parent=org.c)
    UnitFactory(code="R-KT", short_name="Phòng Kinh tế", kind="agency", parent=org.root)
    body = _client(focal_point).get("/nhiem-vu/theo-doi/").content.decode()
    assert "Phòng Kinh tế (UBND xã Tân Phú)" in body
    assert "Phòng Kinh tế (UBND huyện Thử)" in body
    assert "Phòng Tư pháp (" not in body  # unique names stay short
    body = _client(focal_point).get("/mot-cua/").content.decode()
    assert "Phòng Kinh tế (UBND xã Tân Phú)" in body


@pytest.mark.django_db
def test_office_without_dossiers_has_no_figures_not_zero_percent_missed(focal_point, org):
    from onestop.models import Procedure, ServiceLevel, Target

    level = ServiceLevel.objects.filter(online_capable=True).first()
    Procedure.objects.create(code="1.001", name="Cấp giấy phép", service_level=level)
    Target.objects.create(
        name="Tỷ lệ TTHC có hồ sơ trực tuyến", metric="onestop.online_procedure_uptake", threshold=0.5
    )
    response = _client(focal_point).get("/mot-cua/", {"unit": org.b.pk})
    targets = response.context["targets"]
    assert targets and {t["state"].value for t in targets} == {"unknown"}
    assert "Chưa đạt" not in response.content.decode().split('id="targets"')[1].split("</section>")[0]
