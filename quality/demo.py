"""Demo ISO systems for huyện Châu Thành: two communes flagged (a changed procedure; no announcement and an old
review), one agency up to date, one commune sharing the district's system. Idempotent."""

import datetime as dt

from django.utils import timezone

from onestop.models import Procedure
from organizations.models import Unit
from quality.choices import ReviewKind
from quality.models import QualityDocument, QualityReview, QualitySystem

# unit code, announcement (number, date) or None, last review date, documents (code, title, issued, procedures)
SYSTEMS = [
    (
        "CT-TP",
        ("45/QĐ-UBND", dt.date(2025, 3, 20)),
        dt.date(2025, 12, 10),
        [("QT-TP-01", "Quy trình chứng thực chữ ký", dt.date(2025, 3, 1), ["1.774230", "2.072103"])],
    ),
    (
        "CT-TANPHU",
        ("12/QĐ-UBND", dt.date(2025, 4, 2)),
        dt.date(2025, 12, 15),
        [
            ("QT-TP-01", "Quy trình đăng ký kết hôn, gia hạn kết hôn", dt.date(2025, 3, 15), ["1.801710"]),
            (
                "QT-TP-02",
                "Quy trình cấp giấy phép xây dựng nhà ở riêng lẻ",
                dt.date(2025, 3, 15),
                ["2.172975", "1.390487"],
            ),
        ],
    ),
    (
        "CT-ANHOA",
        None,
        dt.date(2024, 11, 20),
        [("QT-AH-01", "Quy trình chứng thực hộ kinh doanh", dt.date(2024, 10, 1), ["1.075954"])],
    ),
]
CHANGED_PROCEDURE = "1.801710"  # as a catalogue re-import would record it: changed after QT-TP-01 was issued


def load_demo() -> None:
    units = {u.code: u for u in Unit.objects.filter(code__in=[s[0] for s in SYSTEMS] + ["CT", "CT-MYLOI"])}
    procedures = {p.code: p for p in Procedure.objects.all()}
    if not units or not procedures:
        return
    for code, announcement, reviewed_on, documents in SYSTEMS:
        if code not in units:
            continue
        number, date = announcement or ("", None)
        system, _ = QualitySystem.objects.update_or_create(
            unit=units[code], defaults={"announcement_number": number, "announcement_date": date}
        )
        covered = []
        for doc_code, title, issued_on, codes in documents:
            document, _ = QualityDocument.objects.update_or_create(
                system=system, code=doc_code, defaults={"title": title, "version": "01", "issued_on": issued_on}
            )
            document.procedures.set([procedures[c] for c in codes if c in procedures])
            covered += codes
        system.scope.set([procedures[c] for c in covered if c in procedures])
        for kind in ReviewKind.values:
            QualityReview.objects.get_or_create(system=system, kind=kind, held_on=reviewed_on)
    if "CT" in units:
        host, _ = QualitySystem.objects.update_or_create(
            unit=units["CT"], defaults={"announcement_number": "30/QĐ-UBND", "announcement_date": dt.date(2025, 2, 1)}
        )
        for kind in ReviewKind.values:
            QualityReview.objects.get_or_create(system=host, kind=kind, held_on=dt.date(2025, 12, 20))
        if "CT-MYLOI" in units:
            QualitySystem.objects.update_or_create(unit=units["CT-MYLOI"], defaults={"host": host})
    Procedure.objects.filter(code=CHANGED_PROCEDURE).update(
        content_changed_on=timezone.localdate() - dt.timedelta(days=30)
    )
