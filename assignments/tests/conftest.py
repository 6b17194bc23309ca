"""Fixtures for the assignments app, on top of the root `org` and personas.

`org`: root (UBND huyện Thử) ▸ A (Phòng Nội vụ), B (Phòng Tư pháp), C (UBND xã Tân Phú);
another tree root2 ▸ X. `focal_point` is the focal point of root's tree (member of A).
"""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from assignments import services
from organizations.tests.factories import UnitGroupFactory

FIXTURES = Path(__file__).parent / "fixtures"
NOTICE_01 = FIXTURES / "conclusions" / "01-huyen-cchc-quy-iii.txt"


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def communes(org):
    """The group "UBND các xã, thị trấn" of root: its commune-kind children (C)."""
    return UnitGroupFactory(
        name="UBND các xã, thị trấn",
        aliases="Chủ tịch UBND các xã, thị trấn\ncác xã, thị trấn",
        owner=org.root,
        rule_parent=org.root,
        rule_kind="commune",
    )


@pytest.fixture
def make_assignment(org, focal_point, today):
    """An issued assignment for `lead` (A by default), due in 10 days unless told."""

    def make(lead=None, *, deadline=..., coordinators=(), content="Rà soát thủ tục hành chính"):
        if deadline is ...:
            deadline = today + dt.timedelta(days=10)
        return services.assignment_create(
            lead_unit=lead or org.a,
            content=content,
            deadline=deadline,
            created_by=focal_point,
            coordinators=coordinators,
        )

    return make


@pytest.fixture
def final_report(make_assignment, officer_a, org):
    assignment = make_assignment()
    return services.progress_report_submit(
        assignment=assignment, unit=org.a, author=officer_a, text="Đã hoàn thành", is_final=True
    )
