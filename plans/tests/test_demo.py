from django.core.management import call_command

from plans.models import Plan, PlanRequirement


def test_load_demo_is_idempotent(db):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    plan = Plan.objects.get(number="05/KH-UBND")
    assert plan.activities.count() == 8
    assert PlanRequirement.objects.count() == 1
