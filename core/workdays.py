"""Working days: Monday–Friday, minus holidays and compensating days off, plus make-up working days.

The exceptions are `core.models.CalendarDay` rows (data, edited in the admin; seeded from the `holidays`
package by `manage.py load_calendar`). Reminders and deadlines count in working days through these helpers.
A `WorkCalendar` loads the exceptions of a window once; the module functions build one per call.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

ONE_DAY = dt.timedelta(days=1)
_SUBSTITUTED = re.compile(r"thay cho ngày (\d{1,2})/(\d{1,2})/(\d{4})")


class WorkCalendar:
    """The calendar's exceptions between `start` and `end` (inclusive), loaded in one query."""

    def __init__(self, start: dt.date, end: dt.date) -> None:
        from core.models import CalendarDay

        self.start, self.end = start, end
        self.holidays: set[dt.date] = set()
        self.makeup: set[dt.date] = set()
        for day, kind in CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "kind"):
            (self.makeup if kind == CalendarDay.Kind.MAKEUP_WORKDAY else self.holidays).add(day)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.makeup:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The day `count` working days after `day` (before it when negative); 0 gives `day`."""
        step = ONE_DAY if count >= 0 else -ONE_DAY
        remaining = abs(count)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end`; negative when `end` is before `start`."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count


def _window(*days: dt.date, margin: int = 60) -> WorkCalendar:
    return WorkCalendar(min(days) - dt.timedelta(days=margin), max(days) + dt.timedelta(days=margin))


def is_working_day(day: dt.date) -> bool:
    return WorkCalendar(day, day).is_working_day(day)


def add_working_days(day: dt.date, count: int) -> dt.date:
    # Two calendar days per working day is more than enough even around Tết.
    return _window(day, day + dt.timedelta(days=2 * count + 14)).add_working_days(day, count)


def working_days_between(start: dt.date, end: dt.date) -> int:
    return _window(start, end, margin=1).working_days_between(start, end)


def calendar_rows(years: Iterable[int]) -> list[tuple[dt.date, str, str]]:
    """(date, kind, name) for Vietnam's holidays of `years` (the `holidays` package), with the
    weekend days worked in exchange for a bridge day off ("thay cho ngày …") as make-up days."""
    import holidays

    rows: dict[dt.date, tuple[dt.date, str, str]] = {}
    for day, name in sorted(holidays.country_holidays("VN", years=list(years), language="vi").items()):
        if day.weekday() < 5:
            rows[day] = (day, "holiday", name)
        match = _SUBSTITUTED.search(name)
        if match:
            mday, month, year = (int(x) for x in match.groups())
            makeup = dt.date(year, month, mday)
            if makeup.weekday() >= 5:
                rows[makeup] = (makeup, "makeup_workday", f"Làm bù cho {day:%d/%m/%Y}")
    return sorted(rows.values())


def calendar_seed(model, years: Iterable[int]) -> int:
    """Insert the missing rows of `years` into `model` (CalendarDay, or its historical model in a
    migration); rows already there (edited by hand) are kept. Returns how many were added."""
    rows = calendar_rows(years)
    existing = set(model.objects.filter(date__in=[r[0] for r in rows]).values_list("date", flat=True))
    new = [model(date=day, kind=kind, name=name[:200]) for day, kind, name in rows if day not in existing]
    model.objects.bulk_create(new)
    return len(new)
