from django.core.management import call_command
from django.utils import timezone

from quality.models import QualitySystem
from quality.selectors import system_states


def test_demo_data_shows_two_flagged_units_and_is_idempotent(db):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    states = system_states(systems=QualitySystem.objects.all(), on=timezone.localdate())
    flagged = sorted(s.unit.short_name for s in states if s.flags)
    assert flagged == ["UBND xã An Hòa", "UBND xã Tân Phú"]
