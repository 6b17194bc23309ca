import datetime as dt

import pytest

from records.choices import DepositState
from records.models import DepositRule, WorkFile
from records.selectors import DepositRules, deposit_state

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("ended_on", "deadline"),
    [
        # Luật Lưu trữ 2011: one year from the day the work ended.
        (dt.date(2016, 5, 14), dt.date(2017, 5, 14)),
        (dt.date(2016, 2, 29), dt.date(2017, 2, 28)),  # a leap day has no anniversary: the month's last day
        (dt.date(2019, 2, 28), dt.date(2020, 2, 28)),  # into a leap year: the same day, not the 29th
        (dt.date(2020, 12, 31), dt.date(2021, 12, 31)),
        (dt.date(2025, 6, 30), dt.date(2026, 6, 30)),  # the last day under the 2011 law
        # Luật Lưu trữ 2024 (from 01/07/2025): one year counted from the year the work ended.
        (dt.date(2025, 7, 1), dt.date(2026, 12, 31)),
        (dt.date(2026, 1, 1), dt.date(2027, 12, 31)),
        (dt.date(2026, 12, 31), dt.date(2027, 12, 31)),  # the year end stays the year end
        (dt.date(2028, 2, 29), dt.date(2029, 12, 31)),  # a leap day is just a day of its year
    ],
)
def test_deposit_deadline_follows_the_rule_in_force_when_the_work_ended(ended_on, deadline):
    assert DepositRules().deadline(ended_on) == deadline


def test_a_new_rule_is_a_data_row():
    DepositRule.objects.create(
        effective_from=dt.date(2030, 1, 1), months_after_end=6, counted_from="end_date", legal_basis="Giả định"
    )
    rules = DepositRules()
    assert rules.deadline(dt.date(2029, 12, 31)) == dt.date(2030, 12, 31)
    assert rules.deadline(dt.date(2031, 8, 31)) == dt.date(2032, 2, 29)  # 6 months on, into a leap February
    assert rules.deadline(dt.date(2030, 8, 31)) == dt.date(2031, 2, 28)


def test_no_rule_before_the_first_one_means_no_deadline():
    assert DepositRules().deadline(dt.date(2010, 1, 1)) is None


def test_deposit_states_on_the_deadline_and_the_day_after():
    work_file = WorkFile(ended_on=dt.date(2026, 3, 15))
    deadline = DepositRules().deadline(work_file.ended_on)
    assert deadline == dt.date(2027, 12, 31)
    assert deposit_state(work_file, deadline, dt.date(2027, 12, 31)) == DepositState.NOT_DUE
    assert deposit_state(work_file, deadline, dt.date(2028, 1, 1)) == DepositState.OVERDUE
    work_file.deposited_on = dt.date(2027, 12, 31)
    assert deposit_state(work_file, deadline, dt.date(2028, 1, 1)) == DepositState.ON_TIME
    work_file.deposited_on = dt.date(2028, 1, 1)
    assert deposit_state(work_file, deadline, dt.date(2028, 1, 1)) == DepositState.LATE
    assert deposit_state(WorkFile(), None, dt.date(2028, 1, 1)) == DepositState.OPEN


def test_the_seeded_rules_cite_the_articles_checked():
    basis = dict(DepositRule.objects.values_list("effective_from", "legal_basis"))
    assert "Nghị định 30/2020/NĐ-CP ngày 05/3/2020" in basis[dt.date(2012, 7, 1)]
    assert "Điều 30" in basis[dt.date(2012, 7, 1)]
    assert "33/2024/QH15" in basis[dt.date(2025, 7, 1)]
