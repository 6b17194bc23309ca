"""`load_demo --remove` deletes the demo data and nothing else."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from assignments import services
from assignments.models import Assignment, Directive
from onestop.models import Dossier, Procedure
from organizations.choices import Role
from organizations.models import Membership, Unit
from organizations.tests.factories import UnitFactory, UserFactory
from parindex.models import Assessment


@pytest.mark.django_db
def test_remove_demo_keeps_real_data():
    call_command("load_demo", stdout=io.StringIO())
    assert Dossier.objects.exists() and Directive.objects.exists() and Assessment.objects.exists()
    # Real data: a unit of its own, an account, a real task for a demo unit, a demo account someone now uses.
    real_unit = UnitFactory(code="REAL", short_name="UBND xã Thật")
    real_user = UserFactory(username="that")
    Membership.objects.create(user=real_user, unit=real_unit, role=Role.FOCAL_POINT)
    justice = Unit.objects.get(code="CT-TP")
    real_task = services.assignment_create(
        lead_unit=justice, content="Nhiệm vụ thật", deadline=dt.date(2027, 1, 1), created_by=real_user
    )
    kept = get_user_model().objects.get(username="lanhdao.huyen")
    kept.set_password("Mat-khau-that-2026")
    kept.save()
    procedures = Procedure.objects.count()

    out = io.StringIO()
    call_command("load_demo", "--remove", stdout=out)

    users = get_user_model().objects
    assert not users.filter(username__in=["admin", "canbo.tanphu", "daumoi.noivu"]).exists()
    assert users.filter(username="that").exists() and users.filter(username="lanhdao.huyen").exists()
    assert not Directive.objects.filter(number="245/TB-UBND").exists()
    assert list(Assignment.objects.all()) == [real_task]
    assert not Dossier.objects.exists() and not Assessment.objects.exists()
    assert Procedure.objects.count() == procedures  # the catalogue stays
    remaining = set(Unit.objects.values_list("code", flat=True))
    assert {"REAL", "CT-TP", "CT"} <= remaining  # the real unit; the demo ones still in use, with their parent
    assert "ANBINH-VP" not in remaining and "CT-VHTT" not in remaining
    assert "Đã xóa dữ liệu mẫu" in out.getvalue()
