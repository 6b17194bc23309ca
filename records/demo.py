"""Demo records work for huyện Châu Thành: file lists, work files with deposits, a commune's backlog. Idempotent."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from organizations.models import Unit
from records.models import ArchiveBacklog, FileList, SortingPlan, SortingProgress, WorkFile, WorkFileCount


def load_demo() -> None:
    units = {u.code: u for u in Unit.objects.filter(code__in=["CT-NV", "CT-TP", "CT-TANPHU", "CT-ANHOA"])}
    if not units:
        return
    year = timezone.localdate().year
    for code in ("CT-NV", "CT-TANPHU"):
        if code in units:
            FileList.objects.update_or_create(
                unit=units[code],
                year=year,
                defaults={"decision_number": "05/QĐ-UBND", "approved_on": dt.date(year, 1, 8)},
            )
    files = [
        (
            "CT-NV",
            "01.TĐKT",
            "Hồ sơ thi đua, khen thưởng năm",
            "10 năm",
            dt.date(year - 1, 12, 31),
            dt.date(year, 3, 15),
        ),
        ("CT-NV", "02.TCCB", "Hồ sơ tuyển dụng công chức", "Vĩnh viễn", dt.date(year - 1, 6, 30), None),
        (
            "CT-TANPHU",
            "01.HT",
            "Sổ đăng ký khai sinh",
            "Vĩnh viễn",
            dt.date(year - 1, 3, 31),
            dt.date(year - 1, 12, 20),
        ),
        ("CT-TANPHU", "02.CT", "Sổ chứng thực bản sao", "10 năm", dt.date(year - 1, 1, 31), None),
    ]
    for code, file_code, title, retention, ended_on, deposited_on in files:
        if code in units:
            WorkFile.objects.update_or_create(
                unit=units[code],
                year=ended_on.year,
                code=file_code,
                defaults={
                    "title": title,
                    "retention": retention,
                    "started_on": dt.date(ended_on.year, 1, 2),
                    "ended_on": ended_on,
                    "deposited_on": deposited_on,
                },
            )
    if "CT-ANHOA" in units:  # a commune that reports counts rather than a list
        WorkFileCount.objects.update_or_create(
            unit=units["CT-ANHOA"], year=year, defaults={"opened": 42, "closed": 30, "due": 25, "deposited_on_time": 19}
        )
    if "CT-TANPHU" in units:
        backlog, _ = ArchiveBacklog.objects.update_or_create(
            unit=units["CT-TANPHU"], defaults={"total_metres": Decimal("35"), "note": "Tài liệu giai đoạn 2000–2015"}
        )
        SortingPlan.objects.update_or_create(backlog=backlog, year=year, defaults={"planned_metres": Decimal("15")})
        for day, metres in (
            (dt.date(year - 1, 10, 15), "5"),
            (dt.date(year, 3, 20), "4"),
            (dt.date(year, 6, 30), "3.5"),
        ):
            SortingProgress.objects.get_or_create(
                backlog=backlog, recorded_on=day, defaults={"metres": Decimal(metres)}
            )
