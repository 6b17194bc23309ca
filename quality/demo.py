"""Demo ISO systems for huyện Châu Thành: two communes flagged (a changed procedure; no announcement and an old
review), one agency up to date, one commune sharing the district's system. Idempotent."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from onestop.models import Procedure
from organizations.models import Unit
from quality.choices import ReviewKind
from quality.models import QualityDocument, QualityReview, QualitySystem

# unit code, announcement (number, date) or None, days since the last review, documents (code, title, issued,
# procedures). Review dates are relative to today so that exactly two units stay flagged whenever the demo is loaded.
SYSTEMS = [
    (
        "CT-TP",
        ("45/QĐ-UBND", dt.date(2025, 3, 20)),
        60,
        [("QT-TP-01", "Quy trình chứng thực chữ ký", dt.date(2025, 3, 1), ["1.774230", "2.072103"])],
    ),
    (
        "CT-TANPHU",
        ("12/QĐ-UBND", dt.date(2025, 4, 2)),
        45,
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
        500,
        [("QT-AH-01", "Quy trình chứng thực hộ kinh doanh", dt.date(2024, 10, 1), ["1.075954"])],
    ),
]
CHANGED_PROCEDURE = "1.801710"  # as a catalogue re-import would record it: changed after QT-TP-01 was issued


def _review(system: QualitySystem, held_on: dt.date) -> None:
    for kind in ReviewKind.values:
        QualityReview.objects.update_or_create(
            system=system, kind=kind, findings=DEMO_FINDINGS, defaults={"held_on": held_on}
        )


DEMO_FINDINGS = "Dữ liệu mẫu: không có điểm không phù hợp nghiêm trọng."


def load_demo() -> None:
    units = {u.code: u for u in Unit.objects.filter(code__in=[s[0] for s in SYSTEMS] + ["CT", "CT-MYLOI"])}
    procedures = {p.code: p for p in Procedure.objects.all()}
    if not units or not procedures:
        return
    today = timezone.localdate()
    for code, announcement, days_ago, documents in SYSTEMS:
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
        _review(system, today - dt.timedelta(days=days_ago))
    if "CT" in units:
        host, _ = QualitySystem.objects.update_or_create(
            unit=units["CT"], defaults={"announcement_number": "30/QĐ-UBND", "announcement_date": dt.date(2025, 2, 1)}
        )
        _review(host, today - dt.timedelta(days=30))
        if "CT-MYLOI" in units:
            QualitySystem.objects.update_or_create(unit=units["CT-MYLOI"], defaults={"host": host})
    Procedure.objects.filter(code=CHANGED_PROCEDURE).update(content_changed_on=today - dt.timedelta(days=30))


@transaction.atomic
def remove_demo() -> int:
    """Delete the quality systems of the demo units (documents, reviews and their tasks go with them)."""
    from assignments.models import Assignment
    from organizations.demo import _demo_unit_codes
    from quality.models import CorrectiveAction, QualitySystem

    systems = QualitySystem.objects.filter(unit__code__in=_demo_unit_codes())
    tasks = CorrectiveAction.objects.filter(review__system__in=systems).values("assignment")
    removed = Assignment.objects.filter(pk__in=tasks).delete()[0]
    # Systems that share another's go first (the host is protected while they point at it).
    removed += systems.exclude(host=None).delete()[0]
    return removed + systems.delete()[0]
