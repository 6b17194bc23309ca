import datetime as dt

import pytest
from django.core.management import call_command

from core.models import CalendarDay
from core.workdays import WorkCalendar, add_working_days, is_working_day, working_days_between

pytestmark = pytest.mark.django_db


def test_calendar_is_seeded_with_vietnamese_holidays_and_makeup_days():
    # The data migration loads 2025–2027 from the `holidays` package.
    assert CalendarDay.objects.get(date=dt.date(2026, 2, 17)).kind == "holiday"  # Tết
    assert CalendarDay.objects.get(date=dt.date(2026, 8, 22)).kind == "makeup_workday"  # Saturday worked
    assert CalendarDay.objects.filter(date__year=2027).exists()


def test_weekends_and_holidays_are_not_working_days_but_makeup_saturdays_are():
    assert is_working_day(dt.date(2026, 9, 3))  # Thursday
    assert not is_working_day(dt.date(2026, 9, 2))  # National Day
    assert not is_working_day(dt.date(2026, 9, 5))  # Saturday
    assert is_working_day(dt.date(2026, 8, 22))  # make-up Saturday


def test_add_working_days_skips_tet():
    # Friday 13/02/2026 + 1 working day: the weekend and the Tết holiday (16–20/02) are skipped.
    assert add_working_days(dt.date(2026, 2, 13), 1) == dt.date(2026, 2, 23)
    assert add_working_days(dt.date(2026, 2, 23), -1) == dt.date(2026, 2, 13)
    assert add_working_days(dt.date(2026, 2, 23), 0) == dt.date(2026, 2, 23)


def test_working_days_between_counts_after_start_up_to_end():
    assert working_days_between(dt.date(2026, 9, 28), dt.date(2026, 10, 5)) == 5
    assert working_days_between(dt.date(2026, 10, 5), dt.date(2026, 9, 28)) == -5


def test_the_calendar_is_data_edited_by_people():
    day = dt.date(2026, 10, 6)  # a Tuesday given off by a provincial decision
    CalendarDay.objects.create(date=day, kind="holiday", name="Nghỉ theo quyết định của tỉnh")
    assert not WorkCalendar(day, day).is_working_day(day)


def test_load_calendar_adds_a_new_year_without_touching_edits():
    CalendarDay.objects.filter(date=dt.date(2026, 9, 2)).update(name="Sửa tay")
    call_command("load_calendar", "2026", "2028")
    assert CalendarDay.objects.get(date=dt.date(2026, 9, 2)).name == "Sửa tay"
    assert CalendarDay.objects.filter(date__year=2028).exists()
