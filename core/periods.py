"""Periods that figures and reports are computed over: calendar months, quarters, years, custom ranges, and
the PAR reporting periods (Decree 09/2019: figures cut off on the 14th — quarter I is 15/12 of the previous year
to 14/3, six months 15/12–14/6, quarter III 15/6–14/9, the year 15/12–14/12).

The cut-off day and the report kinds are data (`REPORTING_PERIODS` below, overridable in settings as
`REPORTING_PERIODS`), never scattered through the code.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# kind -> (label, months back from the end month to the start month, end month)
DEFAULT_REPORTING_PERIODS: dict[str, tuple[str, int, int]] = {
    "q1": (gettext_noop("Báo cáo quý I"), 3, 3),
    "h1": (gettext_noop("Báo cáo 6 tháng"), 6, 6),
    "q3": (gettext_noop("Báo cáo quý III"), 3, 9),
    "9m": (gettext_noop("Báo cáo 9 tháng"), 9, 9),
    "year": (gettext_noop("Báo cáo năm"), 12, 12),
}


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    label: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(_("Ngày kết thúc phải sau ngày bắt đầu."))

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def as_dict(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}

    def previous(self) -> Period:
        """The period of the same length just before this one (for 'carried over' figures)."""
        length = self.end - self.start
        end = self.start - dt.timedelta(days=1)
        return Period(end - length, end)


def month(year: int, number: int) -> Period:
    last = calendar.monthrange(year, number)[1]
    return Period(dt.date(year, number, 1), dt.date(year, number, last), f"{number:02d}/{year}")


def quarter(year: int, number: int) -> Period:
    if number not in (1, 2, 3, 4):
        raise ValueError(_("Quý phải từ 1 đến 4."))
    first = 3 * (number - 1) + 1
    roman = ["I", "II", "III", "IV"][number - 1]
    return Period(month(year, first).start, month(year, first + 2).end, _("Quý %(q)s/%(y)s") % {"q": roman, "y": year})


def year(number: int) -> Period:
    return Period(dt.date(number, 1, 1), dt.date(number, 12, 31), _("Năm %(y)s") % {"y": number})


def _shift_month(year_: int, month_: int, delta: int) -> tuple[int, int]:
    index = year_ * 12 + (month_ - 1) + delta
    return index // 12, index % 12 + 1


def reporting_period(kind: str, year_: int) -> Period:
    """A PAR reporting period: from the day after the cut-off, `months` back, to the cut-off day."""
    periods = getattr(settings, "REPORTING_PERIODS", DEFAULT_REPORTING_PERIODS)
    cutoff = getattr(settings, "REPORT_CUTOFF_DAY", 14)
    if kind not in periods:
        raise ValueError(_("Kỳ báo cáo không hợp lệ: %(kind)s") % {"kind": kind})
    label, months_back, end_month = periods[kind]
    start_year, start_month = _shift_month(year_, end_month, -months_back)
    return Period(
        dt.date(start_year, start_month, cutoff + 1), dt.date(year_, end_month, cutoff), f"{_(label)} {year_}"
    )


def reporting_due_date(kind: str, year_: int) -> dt.date:
    """PAR reports are due by the 20th of the period's last month (a setting, REPORT_DUE_DAY)."""
    period = reporting_period(kind, year_)
    return period.end.replace(day=getattr(settings, "REPORT_DUE_DAY", 20))


def parse_period(value: str) -> Period:
    """'2026-07' (month), '2026-Q3' (quarter), '2026' (year), 'BC-q3-2026' (reporting period),
    '2026-07-01..2026-09-30' (custom) — the values the period pickers send."""
    value = value.strip()
    try:
        if ".." in value:
            start, end = value.split("..", 1)
            return Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
        if value.startswith("BC-"):
            _prefix, kind, year_ = value.split("-")
            return reporting_period(kind, int(year_))
        if "-Q" in value.upper():
            year_, q = value.upper().split("-Q")
            return quarter(int(year_), int(q))
        if "-" in value:
            year_, month_ = value.split("-")
            return month(int(year_), int(month_))
        return year(int(value))
    except (ValueError, KeyError) as exc:
        raise ValueError(_("Kỳ không hợp lệ: «%(value)s»") % {"value": value}) from exc


def period_choices(year_: int) -> list[tuple[str, str]]:
    """Options for a period picker: the year's reporting periods, quarters, months and the year."""
    periods = getattr(settings, "REPORTING_PERIODS", DEFAULT_REPORTING_PERIODS)
    choices = [(f"BC-{kind}-{year_}", f"{_(label)} {year_}") for kind, (label, _m, _e) in periods.items()]
    choices += [(f"{year_}-Q{q}", quarter(year_, q).label) for q in range(1, 5)]
    choices += [(f"{year_}-{m:02d}", _("Tháng %(m)s/%(y)s") % {"m": m, "y": year_}) for m in range(1, 13)]
    choices.append((str(year_), year(year_).label))
    return choices
