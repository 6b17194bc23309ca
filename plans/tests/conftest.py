"""A province with two wards (the shared sample's names), a focal point, a ward leader and officer.

province ▸ ward An Bình ▸ its four offices; province ▸ ward Tân Định (no plan yet); the group
"UBND các xã, phường" of the province's wards.
"""

from pathlib import Path

import pytest

from organizations.choices import Role
from organizations.tests.factories import MembershipFactory, UnitFactory, UnitGroupFactory, UserFactory
from plans.models import PlanKind

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE_DOCX = FIXTURES / "ke-hoach-cchc-phuong-2027.docx"
SAMPLE_XLSX = FIXTURES / "ke-hoach-cchc-phuong-2027.xlsx"
OFFICES = [
    ("VP", "Văn phòng HĐND và UBND phường", "agency"),
    ("VHXH", "Phòng Văn hóa - Xã hội", "agency"),
    ("KT", "Phòng Kinh tế, Hạ tầng và Đô thị", "agency"),
    ("TTPV", "Trung tâm Phục vụ hành chính công phường", "service_centre"),
    ("CA", "Công an phường", "partner"),
]


@pytest.fixture
def ward(db):
    province = UnitFactory(code="P", short_name="UBND tỉnh Thử", kind="committee")
    an_binh = UnitFactory(code="AB", short_name="UBND phường An Bình", kind="commune", parent=province)
    tan_dinh = UnitFactory(code="TD", short_name="UBND phường Tân Định", kind="commune", parent=province)
    offices = {
        code: UnitFactory(code=f"AB-{code}", short_name=name, kind=kind, parent=an_binh) for code, name, kind in OFFICES
    }
    wards = UnitGroupFactory(name="UBND các xã, phường", owner=province, rule_parent=province, rule_kind="commune")
    focal = UserFactory(username="plan_focal")
    MembershipFactory(user=focal, unit=province, role=Role.FOCAL_POINT)
    leader = UserFactory(username="ward_leader")
    MembershipFactory(user=leader, unit=an_binh, role=Role.LEADER)
    officer = UserFactory(username="ward_officer")
    MembershipFactory(user=officer, unit=offices["VP"], role=Role.OFFICER)
    td_officer = UserFactory(username="td_officer")
    MembershipFactory(user=td_officer, unit=tan_dinh, role=Role.OFFICER)
    return type(
        "Ward",
        (),
        {
            "province": province,
            "an_binh": an_binh,
            "tan_dinh": tan_dinh,
            "offices": offices,
            "wards": wards,
            "focal": focal,
            "leader": leader,
            "officer": officer,
            "td_officer": td_officer,
        },
    )


@pytest.fixture
def cchc(db):
    return PlanKind.objects.get(code="cchc")
