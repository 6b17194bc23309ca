import datetime as dt

import pytest

from onestop.models import Procedure, ServiceLevel
from quality.models import QualityDocument, QualityReview, QualitySystem

HEADER = "Mã TTHC,Tên TTHC,Lĩnh vực,Cấp thực hiện,Mức độ DVC,Số ngày giải quyết,Tình trạng\n"


@pytest.fixture
def catalogue(db, tmp_path):
    """Import the catalogue from CSV text through the real import, on a given day."""
    from onestop.services import procedures_import

    def load(rows: str, on: dt.date):
        path = tmp_path / f"tthc-{on.isoformat()}.csv"
        path.write_text(HEADER + rows, encoding="utf-8")
        return procedures_import(source=path, on=on)

    return load


@pytest.fixture
def procedures(catalogue):
    catalogue(
        "P1,Đăng ký khai sinh,Hộ tịch,Xã,Toàn trình,3,\n"
        "P2,Đăng ký kết hôn,Hộ tịch,Xã,Một phần,5,\n"
        "P3,Chứng thực bản sao,Chứng thực,Xã,Mức độ 2,1,\n",
        dt.date(2026, 1, 10),
    )
    return {p.code: p for p in Procedure.objects.all()}


@pytest.fixture
def make_system(db):
    def make(unit, *, documents=(), scope=(), announced=True, reviewed_on=dt.date(2026, 6, 1)):
        system = QualitySystem.objects.create(
            unit=unit,
            announcement_number="12/QĐ-UBND" if announced else "",
            announcement_date=dt.date(2025, 5, 1) if announced else None,
        )
        system.scope.set(Procedure.objects.filter(code__in=scope))
        for code, issued_on, procedure_codes in documents:
            document = QualityDocument.objects.create(
                system=system, code=code, title=f"Quy trình {code}", version="01", issued_on=issued_on
            )
            document.procedures.set(Procedure.objects.filter(code__in=procedure_codes))
        if reviewed_on:
            for kind in ("internal_audit", "management_review"):
                QualityReview.objects.create(system=system, kind=kind, held_on=reviewed_on)
        return system

    return make


@pytest.fixture
def levels(db):
    return {level.code: level for level in ServiceLevel.objects.all()}
