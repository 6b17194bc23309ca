import datetime as dt

import pytest

from core.tabular import ImportFailed
from quality.models import QualityDocument
from quality.services import documents_import

HEADER = "Đơn vị,Mã quy trình,Tên quy trình,Lần ban hành,Ngày ban hành,Mã TTHC\n"


def _file(tmp_path, text, name="quy-trinh.csv"):
    path = tmp_path / name
    path.write_text(HEADER + text, encoding="utf-8")
    return path


def test_a_broken_list_imports_nothing_and_names_every_bad_row(tmp_path, org, procedures, focal_point):
    path = _file(
        tmp_path,
        "Phòng Nội vụ,QT-01,Đăng ký khai sinh,01,01/02/2026,P1\n"
        "Phòng Nội vụ,QT-02,Kết hôn,01,31/02/2026,P2\n"
        "Phòng Không Có,QT-03,Chứng thực,01,01/02/2026,P3\n"
        "Phòng Nội vụ,QT-04,,01,01/02/2026,P9\n"
        "Phòng Nội vụ,QT-01,Trùng,01,01/02/2026,P1\n",
    )
    with pytest.raises(ImportFailed) as failed:
        documents_import(source=path, user=focal_point)
    named = {(e.row, e.column) for e in failed.value.errors}
    assert named == {
        (3, "Ngày ban hành"),
        (4, "Đơn vị"),
        (5, "Tên quy trình"),
        (5, "Mã TTHC"),
        (6, "Mã quy trình"),
    }
    assert QualityDocument.objects.count() == 0


def test_rows_for_a_unit_outside_the_users_scope_are_refused(tmp_path, org, procedures, officer_a):
    path = _file(tmp_path, "Phòng Tư pháp,QT-01,Chứng thực,01,01/02/2026,P3\n")
    with pytest.raises(ImportFailed) as failed:
        documents_import(source=path, user=officer_a)
    assert [(e.row, e.column) for e in failed.value.errors] == [(2, "Đơn vị")]
    assert QualityDocument.objects.count() == 0


def test_a_good_list_creates_then_updates_by_unit_and_code(tmp_path, org, procedures, officer_a):
    path = _file(tmp_path, "Phòng Nội vụ,QT-01,Khai sinh,01,01/02/2026,P1; P2\n")
    summary = documents_import(source=path, user=officer_a)
    assert (summary.created, summary.updated) == (1, 0)
    document = QualityDocument.objects.get()
    assert document.system.unit == org.a and sorted(p.code for p in document.procedures.all()) == ["P1", "P2"]
    path = _file(tmp_path, "Phòng Nội vụ,QT-01,Khai sinh,02,01/08/2026,P1\n", name="lan-2.csv")
    summary = documents_import(source=path, user=officer_a)
    assert (summary.created, summary.updated) == (0, 1)
    document.refresh_from_db()
    assert document.version == "02" and document.issued_on == dt.date(2026, 8, 1)
    assert [p.code for p in document.procedures.all()] == ["P1"]


def test_api_import_refuses_a_broken_list_with_every_row_named(client, org, procedures, officer_a, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(officer_a)
    text = HEADER + "Phòng Nội vụ,QT-01,Khai sinh,01,32/01/2026,P1\nPhòng Tư pháp,QT-02,Kết hôn,01,01/02/2026,P2\n"
    response = client.post("/api/v1/quality/imports/documents/", {"file": SimpleUploadedFile("ds.csv", text.encode())})
    assert response.status_code == 400
    assert [(e["row"], e["column"]) for e in response.json()["extra"]["errors"]] == [
        (2, "Ngày ban hành"),
        (3, "Đơn vị"),
    ]
    assert QualityDocument.objects.count() == 0
    good = HEADER + "Phòng Nội vụ,QT-01,Khai sinh,01,31/01/2026,P1\n"
    response = client.post("/api/v1/quality/imports/documents/", {"file": SimpleUploadedFile("ds.csv", good.encode())})
    assert response.status_code == 200 and response.json()["created"] == 1
