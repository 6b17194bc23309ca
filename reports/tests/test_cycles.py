import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.errors import ApplicationError
from core.models import CalendarDay
from core.periods import reporting_period
from reports.choices import FigureSource, ReportStatus, Timeliness
from reports.models import ReportKind
from reports.selectors import cycle_due_date, cycle_period, reporting_rate
from reports.services import (
    report_cycle_open,
    unit_report_accept,
    unit_report_return,
    unit_report_save,
    unit_report_submit,
)

D = dt.date


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "number", "start", "end", "due"),
    [
        ("quarter", 1, D(2026, 12, 15), D(2027, 3, 14), D(2027, 3, 20)),
        ("quarter", 2, D(2027, 3, 15), D(2027, 6, 14), D(2027, 6, 20)),
        ("quarter", 3, D(2027, 6, 15), D(2027, 9, 14), D(2027, 9, 20)),
        ("quarter", 4, D(2027, 9, 15), D(2027, 12, 14), D(2027, 12, 20)),
        ("half", 1, D(2026, 12, 15), D(2027, 6, 14), D(2027, 6, 20)),
        ("nine_months", 1, D(2026, 12, 15), D(2027, 9, 14), D(2027, 9, 20)),
        ("year", 1, D(2026, 12, 15), D(2027, 12, 14), D(2027, 12, 20)),
    ],
)
def test_cut_off_on_the_14th_across_year_ends(code, number, start, end, due):
    kind = ReportKind.objects.get(code=code)
    period = cycle_period(kind, 2027, number)
    assert (period.start, period.end) == (start, end)
    assert cycle_due_date(kind, 2027, number) == due


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "core_kind"), [("half", "h1"), ("nine_months", "9m"), ("year", "year")])
def test_cycle_periods_agree_with_core_periods(code, core_kind):
    period = cycle_period(ReportKind.objects.get(code=code), 2028, 1)
    expected = reporting_period(core_kind, 2028)
    assert (period.start, period.end) == (expected.start, expected.end)
    quarter_one = cycle_period(ReportKind.objects.get(code="quarter"), 2028, 1)
    assert (quarter_one.start, quarter_one.end) == (
        reporting_period("q1", 2028).start,
        reporting_period("q1", 2028).end,
    )


@pytest.mark.django_db
def test_quarter_five_is_refused(quarter, district):
    with pytest.raises(ApplicationError):
        report_cycle_open(kind=quarter, year=2027, number=5, owner=district.root)


def test_opening_creates_a_draft_per_reporting_unit(quarter, district):
    cycle = report_cycle_open(kind=quarter, year=2027, number=1, owner=district.root, user=district.focal)
    units = set(cycle.reports.values_list("unit__short_name", flat=True))
    assert units == {"Phòng Nội vụ", *district.communes}  # not the committee itself, not the other tree
    again = report_cycle_open(kind=quarter, year=2027, number=1, owner=district.root)
    assert again.pk == cycle.pk and again.reports.count() == 5
    report = cycle.reports.get(unit=district.tanphu)
    assert report.texts.count() == cycle.template.sections.count()
    assert report.figures.count() == cycle.template.figure_rows.count()


def test_outsider_cannot_open_a_cycle(quarter, district):
    with pytest.raises(ApplicationError):
        report_cycle_open(kind=quarter, year=2027, number=1, owner=district.root, user=district.outsider)


def test_draft_carries_exactly_the_kpi_figures(quarter, district, onestop_sample):
    cycle = report_cycle_open(kind=quarter, year=2026, number=3, owner=district.root)
    out = StringIO()
    call_command("kpi", "--from", cycle.start.isoformat(), "--to", cycle.end.isoformat(), stdout=out)
    kpi = next(row for row in json.loads(out.getvalue())["units"] if row["unit"] == "UBND xã Tân Phú")
    report = cycle.reports.get(unit=district.tanphu)
    figures = {f.row.metric_key: f for f in report.figures.select_related("row") if f.row.source == FigureSource.METRIC}
    on_time = figures["onestop.on_time_rate"]
    assert (on_time.numerator, on_time.denominator) == (kpi["completed_on_time"], kpi["completed"])
    assert float(on_time.value) == kpi["on_time_rate"]
    online = figures["onestop.online_rate"]
    assert (online.numerator, online.denominator) == (kpi["online_dossiers"], kpi["online_capable_dossiers"])
    assert float(online.value) == kpi["online_rate"]
    postal = figures["onestop.postal_rate"]
    assert (postal.numerator, postal.denominator) == (kpi["postal_received"], kpi["dossiers"])
    assert kpi["dossiers"] > 0


def test_submit_accept_return_flow(quarter, district):
    cycle = report_cycle_open(kind=quarter, year=2027, number=1, owner=district.root)
    report = cycle.reports.get(unit=district.tanphu)
    section = cycle.template.sections.get(code="I.1")
    typed = cycle.template.figure_rows.filter(source=FigureSource.TYPED).first()
    unit_report_save(
        report=report,
        texts={section.pk: "Ban hành kế hoạch CCHC."},
        figures={typed.pk: Decimal(3)},
        user=district.officer,
    )
    assert report.texts.get(section=section).text == "Ban hành kế hoạch CCHC."
    assert report.figures.get(row=typed).value == 3
    with pytest.raises(ApplicationError):
        unit_report_accept(report=report, user=district.focal)  # not submitted yet
    unit_report_submit(report=report, user=district.officer)
    with pytest.raises(ApplicationError):
        unit_report_accept(report=report, user=district.officer)  # the unit does not accept its own report
    with pytest.raises(ApplicationError):
        unit_report_return(report=report, reason="  ", user=district.focal)
    unit_report_return(report=report, reason="Thiếu số liệu kinh phí", user=district.focal)
    assert report.status == ReportStatus.RETURNED
    unit_report_submit(report=report, user=district.officer)
    unit_report_accept(report=report, user=district.focal)
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert district.officer.notifications.filter(subject__contains="trả lại").exists()
    assert district.focal.notifications.filter(subject__contains="đã gửi").count() == 1  # one per report and day


def _at(day: dt.date):
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, 10, 0))


def test_late_counts_on_the_working_day_calendar(quarter, district):
    # Quarter I 2027 is due on Saturday 20/03/2027: Monday 22/03 is still on time, Tuesday 23/03 is late.
    cycle = report_cycle_open(kind=quarter, year=2027, number=1, owner=district.root)
    assert cycle.due_on == D(2027, 3, 20)
    reports = {r.unit.short_name: r for r in cycle.reports.select_related("unit")}
    unit_report_submit(report=reports["UBND xã Tân Phú"], on=_at(D(2027, 3, 22)))
    unit_report_submit(report=reports["UBND xã An Hòa"], on=_at(D(2027, 3, 23)))
    # A holiday on Monday 22/03 moves the due date to Tuesday: then 23/03 is on time too.
    rate = reporting_rate(cycle, on=D(2027, 3, 30))
    by_unit = {row.report.unit.short_name: (row.timeliness, row.late_days) for row in rate["rows"]}
    assert by_unit["UBND xã Tân Phú"] == (Timeliness.ON_TIME, 0)
    assert by_unit["UBND xã An Hòa"] == (Timeliness.LATE, 1)
    assert by_unit["UBND xã Long Điền"] == (Timeliness.MISSING, 6)  # 23/3 … 30/3: 6 working days after 22/3
    assert rate["counts"][Timeliness.ON_TIME] == 1 and rate["counts"][Timeliness.MISSING] == 3
    CalendarDay.objects.create(date=D(2027, 3, 22), kind=CalendarDay.Kind.HOLIDAY, name="Nghỉ bù")
    rate = reporting_rate(cycle, on=D(2027, 3, 30))
    by_unit = {row.report.unit.short_name: row.timeliness for row in rate["rows"]}
    assert by_unit["UBND xã An Hòa"] == Timeliness.ON_TIME
    before = reporting_rate(cycle, on=D(2027, 3, 19))
    assert before["counts"][Timeliness.NOT_DUE] == 3


def test_reminders_before_the_due_date_and_to_the_late(quarter, district):
    from reports.services import reports_remind

    cycle = report_cycle_open(kind=quarter, year=2027, number=1, owner=district.root)
    # Friday 19/03 is 1 working day before the effective due date Monday 22/03.
    summary = reports_remind(on=D(2027, 3, 19))
    assert summary.due_soon == 2  # the Tân Phú officer and the focal point of Phòng Nội vụ (a reporting unit)
    assert district.officer.notifications.filter(kind="due_soon").count() == 1
    assert reports_remind(on=D(2027, 3, 19)).due_soon == 0  # never twice
    unit_report_submit(report=cycle.reports.get(unit=district.tanphu), on=_at(D(2027, 3, 22)))
    late = reports_remind(on=D(2027, 3, 24))
    assert late.late == 1  # Phòng Nội vụ's focal point; Tân Phú submitted, the other communes have no users
    assert not district.officer.notifications.filter(kind="overdue").exists()
    assert reports_remind(on=D(2027, 3, 27)).working_day is False  # a Saturday


def test_report_cycle_command_opens_and_reports_status(quarter, district):
    out = StringIO()
    call_command(
        "report_cycle", "open", "--kind", "quarter", "--year", "2027", "--number", "1", "--owner", "CT", stdout=out
    )
    assert "15/12/2026 – 14/03/2027" in out.getvalue() and "5 đơn vị" in out.getvalue()
    out = StringIO()
    call_command("report_cycle", "status", "--kind", "quarter", "--year", "2027", "--number", "1", stdout=out)
    assert "Báo cáo quý I năm 2027" in out.getvalue()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("report_cycle", "open", "--kind", "monthly", "--year", "2027")
    out = StringIO()
    call_command("report_cycle", "remind", "--on", "2027-03-19", stdout=out)
    assert json.loads(out.getvalue())["due_soon"] == 2


def test_remind_task_runs(quarter, district):
    from reports.tasks import remind_reports_task

    report_cycle_open(kind=quarter, year=2027, number=1, owner=district.root)
    assert remind_reports_task.call(on="2027-03-19")["due_soon"] == 2
