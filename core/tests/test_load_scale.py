"""`load_scale` at a tiny size: every step runs through the real import paths, and a second run changes
nothing (issue 10)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from assignments.models import Assignment, ProgressReport
from onestop.models import Dossier, Procedure
from organizations.models import Unit
from parindex.models import Assessment

TINY = {
    "departments": 2,
    "communes": 4,
    "procedures": 20,
    "dossiers": 300,
    "directives": 2,
    "items": 2,
    "recipients": 3,
    "assessments": 2,
    "officers": 1,
}


def _counts():
    return (
        Unit.objects.filter(code__startswith="SCALE").count(),
        Procedure.objects.count(),
        Dossier.objects.count(),
        Assignment.objects.count(),
        ProgressReport.objects.count(),
        Assessment.objects.count(),
    )


@pytest.mark.django_db
def test_load_scale_builds_the_dataset_deterministically(client):
    call_command("load_scale", *[f"--{k}={v}" for k, v in TINY.items()], stdout=io.StringIO())
    units, procedures, dossiers, assignments, reports, assessments = _counts()
    assert (units, procedures, dossiers, assessments) == (7, 20, 300, 2)
    assert assignments == 2 * 2 * 3
    assert reports > 0
    assert Dossier.objects.filter(code="SC-000000000").exists()
    for username in ("scale.focal", "scale.leader", "scale.officer.0"):
        assert get_user_model().objects.get(username=username).check_password("TienDo@2026")
    first = _counts()
    first_codes = list(Dossier.objects.order_by("code").values_list("code", "receiving_unit__code", "received_on")[:20])
    call_command("load_scale", *[f"--{k}={v}" for k, v in TINY.items()], stdout=io.StringIO())
    assert _counts() == first
    assert (
        list(Dossier.objects.order_by("code").values_list("code", "receiving_unit__code", "received_on")[:20])
        == first_codes
    )
