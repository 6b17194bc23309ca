from pathlib import Path

import pytest

from organizations.choices import Role
from organizations.tests.factories import MembershipFactory, UnitFactory, UserFactory
from parindex.services import assessment_open, criteria_import

SAMPLE = Path(__file__).resolve().parent / "fixtures" / "bo-chi-so-xa-2026.csv"


@pytest.fixture
def district(db):
    """A district with two communes; a focal point above them and an officer in each commune."""
    root = UnitFactory(code="D", short_name="UBND huyện Thử", kind="committee")
    a = UnitFactory(code="XA", short_name="UBND xã A", kind="commune", parent=root)
    b = UnitFactory(code="XB", short_name="UBND xã B", kind="commune", parent=root)
    focal = UserFactory(username="par_focal")
    MembershipFactory(user=focal, unit=root, role=Role.FOCAL_POINT)
    officer_a, officer_b = UserFactory(username="par_a"), UserFactory(username="par_b")
    MembershipFactory(user=officer_a, unit=a, role=Role.OFFICER)
    MembershipFactory(user=officer_b, unit=b, role=Role.OFFICER)
    return type(
        "District", (), {"root": root, "a": a, "b": b, "focal": focal, "officer_a": officer_a, "officer_b": officer_b}
    )


@pytest.fixture
def criteria_set(district):
    """The district's own criteria set (its focal point may change it)."""
    criteria_set, _summary = criteria_import(source=SAMPLE, year=2026, name="Bộ chỉ số xã 2026")
    criteria_set.owner_unit = district.root
    criteria_set.save(update_fields=["owner_unit"])
    return criteria_set


@pytest.fixture
def assessments(district, criteria_set):
    return assessment_open(criteria_set=criteria_set, unit=district.a), assessment_open(
        criteria_set=criteria_set, unit=district.b
    )
