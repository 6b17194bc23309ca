import datetime as dt

import pytest

from core.periods import Period, month, parse_period, period_choices, quarter, reporting_due_date, reporting_period


def test_calendar_periods():
    assert month(2026, 2) == Period(dt.date(2026, 2, 1), dt.date(2026, 2, 28), "02/2026")
    assert (quarter(2026, 3).start, quarter(2026, 3).end) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))


def test_reporting_periods_cut_off_on_the_14th():
    q1 = reporting_period("q1", 2026)
    assert (q1.start, q1.end) == (dt.date(2025, 12, 15), dt.date(2026, 3, 14))
    h1 = reporting_period("h1", 2026)
    assert (h1.start, h1.end) == (dt.date(2025, 12, 15), dt.date(2026, 6, 14))
    q3 = reporting_period("q3", 2026)
    assert (q3.start, q3.end) == (dt.date(2026, 6, 15), dt.date(2026, 9, 14))
    full = reporting_period("year", 2026)
    assert (full.start, full.end) == (dt.date(2025, 12, 15), dt.date(2026, 12, 14))
    assert reporting_due_date("q3", 2026) == dt.date(2026, 9, 20)


def test_parse_period_values_of_the_picker():
    assert parse_period("2026-Q3") == quarter(2026, 3)
    assert parse_period("2026-07").end == dt.date(2026, 7, 31)
    assert parse_period("2026").start == dt.date(2026, 1, 1)
    assert parse_period("BC-q3-2026").start == dt.date(2026, 6, 15)
    assert parse_period("2026-07-01..2026-09-30").end == dt.date(2026, 9, 30)
    with pytest.raises(ValueError, match="Kỳ không hợp lệ"):
        parse_period("2026-13")
    assert all(parse_period(value) for value, _label in period_choices(2026))
