"""Demo reports: the optional 766 columns on the sample dossiers, a quarter III 2026 cycle for huyện Châu
Thành with Tân Phú's report accepted and An Hòa's submitted late. Idempotent."""

import csv
import datetime as dt
import io
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from onestop.services import dossiers_import
from organizations.models import Unit
from reports.choices import FigureSource, ReportStatus
from reports.models import ReportKind
from reports.services import report_cycle_open, unit_report_accept, unit_report_save, unit_report_submit

ONESTOP_SAMPLE = Path(__file__).resolve().parent.parent / "onestop" / "fixtures" / "ho-so.csv"
NARRATIVE = {
    "I.1": "Ban hành Kế hoạch CCHC năm 2026 và kiểm tra công tác CCHC tại 3 bộ phận chuyên môn.",
    "I.3": "Niêm yết công khai đầy đủ TTHC; tiếp nhận và giải quyết hồ sơ qua Bộ phận Một cửa.",
    "II": "Tỷ lệ hồ sơ trực tuyến còn thấp; người dân lớn tuổi chưa quen nộp hồ sơ trực tuyến.",
}


def _with_optional_columns() -> io.BytesIO:
    """The sample export with the newer optional columns, filled in a fixed pattern."""
    with ONESTOP_SAMPLE.open(encoding="utf-8-sig") as source:
        rows = list(csv.reader(source))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [*rows[0], "Thanh toán trực tuyến", "Số hóa thành phần hồ sơ", "Kết quả điện tử", "Số lần yêu cầu bổ sung"]
    )
    for index, row in enumerate(rows[1:]):
        online = row[3] == "Trực tuyến"
        writer.writerow(
            [
                *row,
                ("Có" if online or index % 5 == 0 else "Không") if index % 3 else "",
                "Có" if index % 4 else "Không",
                ("Có" if index % 2 else "Không") if row[6] else "",
                "2" if index % 23 == 0 else "0",
            ]
        )
    return io.BytesIO(out.getvalue().encode("utf-8"))


def load_demo() -> None:
    owner = Unit.objects.filter(code="CT").first()
    kind = ReportKind.objects.filter(code="quarter").first()
    if owner is None or kind is None:
        return
    if ONESTOP_SAMPLE.exists():
        dossiers_import(source=_with_optional_columns(), filename="ho-so.csv")
    cycle = report_cycle_open(kind=kind, year=2026, number=3, owner=owner)
    sections = {s.code: s.pk for s in cycle.template.sections.all()}
    typed = list(cycle.template.figure_rows.filter(source=FigureSource.TYPED))
    plan = {"CT-TANPHU": (dt.date(2026, 9, 18), True), "CT-ANHOA": (dt.date(2026, 9, 24), False)}
    for code, (day, accept) in plan.items():
        report = cycle.reports.filter(unit__code=code).first()
        if report is None or report.status != ReportStatus.DRAFT:
            continue
        unit_report_save(
            report=report,
            texts={sections[c]: text for c, text in NARRATIVE.items() if c in sections},
            figures={row.pk: index + 2 for index, row in enumerate(typed)},
        )
        unit_report_submit(report=report, on=timezone.make_aware(dt.datetime.combine(day, dt.time(9))))
        if accept:
            unit_report_accept(report=report)


@transaction.atomic
def remove_demo() -> int:
    """Delete the report cycles the demo units opened (their unit reports go with them); nothing else."""
    from organizations.demo import _demo_unit_codes
    from reports.models import ReportCycle

    return ReportCycle.objects.filter(owner__code__in=_demo_unit_codes()).delete()[0]
