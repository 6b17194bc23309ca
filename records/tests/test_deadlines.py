import datetime as dt

import pytest

from records.choices import DepositState
from records.models import DepositRule, WorkFile
from records.selectors import DepositRules, deposit_state

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("ended_on", "deadline"),
    [
        (dt.date(2026, 5, 14), dt.date(2027, 5, 14)),
        (dt.date(2028, 2, 29), dt.date(2029, 2, 28)),  # a leap day has no anniversary: the month's last day
        (dt.date(2027, 2, 28), dt.date(2028, 2, 28)),  # into a leap year: the same day, not the 29th
        (dt.date(2026, 12, 31), dt.date(2027, 12, 31)),  # the year end stays the year end
        (dt.date(2027, 1, 1), dt.date(2028, 1, 1)),
    ],
)
def test_deposit_deadline_is_one_year_after_the_work_ends(ended_on, deadline):
    assert DepositRules().deadline(ended_on) == deadline


def test_the_rule_in_force_when_the_work_ended_applies():
    DepositRule.objects.create(effective_from=dt.date(2027, 1, 1), months_after_end=6, legal_basis="Giả định")
    rules = DepositRules()
    assert rules.deadline(dt.date(2026, 12, 31)) == dt.date(2027, 12, 31)  # the seeded 12-month rule
    assert rules.deadline(dt.date(2027, 1, 1)) == dt.date(2027, 7, 1)
    assert rules.deadline(dt.date(2027, 8, 31)) == dt.date(2028, 2, 29)  # 6 months on, into a leap February


def test_deposit_states_on_the_deadline_and_the_day_after():
    work_file = WorkFile(ended_on=dt.date(2026, 12, 31))
    deadline = DepositRules().deadline(work_file.ended_on)
    assert deposit_state(work_file, deadline, dt.date(2027, 12, 31)) == DepositState.NOT_DUE
    assert deposit_state(work_file, deadline, dt.date(2028, 1, 1)) == DepositState.OVERDUE
    work_file.deposited_on = dt.date(2027, 12, 31)
    assert deposit_state(work_file, deadline, dt.date(2028, 1, 1)) == DepositState.ON_TIME
    work_file.deposited_on = dt.date(2028, 1, 1)
    assert deposit_state(work_file, deadline, dt.date(2028, 1, 1)) == DepositState.LATE
    assert deposit_state(WorkFile(), None, dt.date(2028, 1, 1)) == DepositState.OPEN
