import datetime as dt

from core.evidence import evidence_candidates
from quality.models import QualityReview, QualitySystem
from records.models import FileList


def test_announcements_reviews_and_file_lists_are_offered_as_par_evidence(org):
    system = QualitySystem.objects.create(
        unit=org.c, announcement_number="12/QĐ-UBND", announcement_date=dt.date(2026, 4, 2)
    )
    QualityReview.objects.create(system=system, kind="internal_audit", held_on=dt.date(2026, 10, 5))
    QualityReview.objects.create(system=system, kind="management_review", held_on=dt.date(2025, 12, 1))  # last year
    FileList.objects.create(unit=org.a, year=2026, decision_number="05/QĐ-UBND", approved_on=dt.date(2026, 1, 8))
    FileList.objects.create(
        unit=org.x, year=2026, decision_number="07/QĐ", approved_on=dt.date(2026, 1, 9)
    )  # other tree

    found = evidence_candidates([org.root.pk, org.a.pk, org.c.pk], dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert sorted((c.number, c.date) for c in found) == [
        ("", dt.date(2026, 10, 5)),
        ("05/QĐ-UBND", dt.date(2026, 1, 8)),
        ("12/QĐ-UBND", dt.date(2026, 4, 2)),
    ]
    assert all(c.url for c in found)
