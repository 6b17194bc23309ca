import datetime as dt

import pytest

from core.tabular import ImportFailed
from records.models import WorkFile
from records.services import work_files_import

HEADER = "Đơn vị,Năm,Số, ký hiệu hồ sơ,Tiêu đề hồ sơ,Thời hạn bảo quản,Ngày bắt đầu,Ngày kết thúc,Ngày nộp lưu\n"


def _file(tmp_path, text):
    path = tmp_path / "ho-so.csv"
    path.write_text(HEADER.replace("Số, ký hiệu hồ sơ", '"Số, ký hiệu hồ sơ"') + text, encoding="utf-8")
    return path


def test_a_broken_list_imports_nothing_and_names_the_rows(tmp_path, org, focal_point):
    path = _file(
        tmp_path,
        "Phòng Nội vụ,2026,01.NV,Hồ sơ thi đua,10 năm,05/01/2026,20/03/2026,15/04/2026\n"
        "Phòng Nội vụ,năm nay,02.NV,Hồ sơ tuyển dụng,Vĩnh viễn,05/01/2026,,\n"
        "Phòng Tư pháp,2026,01.TP,,10 năm,05/01/2026,30/02/2026,\n"
        "Phòng Tư pháp,2026,02.TP,Hồ sơ chứng thực,5 năm,10/03/2026,01/03/2026,\n"
        "Phòng Tư pháp,2026,03.TP,Hồ sơ hộ tịch,5 năm,10/03/2026,,01/04/2026\n"
        "Sở Ma,2026,01,Hồ sơ,5 năm,,,\n",
    )
    with pytest.raises(ImportFailed) as failed:
        work_files_import(source=path, user=focal_point)
    assert {(e.row, e.column) for e in failed.value.errors} == {
        (3, "Năm"),
        (4, "Tiêu đề hồ sơ"),
        (4, "Ngày kết thúc"),
        (5, "Ngày kết thúc"),
        (6, "Ngày nộp lưu"),
        (7, "Đơn vị"),
    }
    assert "Dòng 4, cột «Ngày kết thúc»" in "\n".join(str(e) for e in failed.value.errors)
    assert WorkFile.objects.count() == 0


def test_a_good_list_upserts_by_unit_year_and_code(tmp_path, org, officer_a):
    path = _file(tmp_path, "Phòng Nội vụ,2026,01.NV,Hồ sơ thi đua,10 năm,05/01/2026,20/03/2026,\n")
    assert work_files_import(source=path, user=officer_a).created == 1
    path = _file(tmp_path, "Phòng Nội vụ,2026,01.NV,Hồ sơ thi đua,10 năm,05/01/2026,20/03/2026,10/03/2027\n")
    assert work_files_import(source=path, user=officer_a).updated == 1
    assert WorkFile.objects.get().deposited_on == dt.date(2027, 3, 10)


def test_rows_for_another_unit_are_refused(tmp_path, org, officer_a):
    path = _file(tmp_path, "Phòng Tư pháp,2026,01.TP,Hồ sơ,5 năm,,,\n")
    with pytest.raises(ImportFailed):
        work_files_import(source=path, user=officer_a)
    assert WorkFile.objects.count() == 0


def test_api_import_refuses_a_broken_list(client, org, officer_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(officer_a)
    header = HEADER.replace("Số, ký hiệu hồ sơ", '"Số, ký hiệu hồ sơ"')
    text = header + "Phòng Nội vụ,2026,01.NV,,10 năm,,,\n"
    response = client.post("/api/v1/records/imports/work-files/", {"file": SimpleUploadedFile("hs.csv", text.encode())})
    assert response.status_code == 400
    assert [(e["row"], e["column"]) for e in response.json()["extra"]["errors"]] == [(2, "Tiêu đề hồ sơ")]
    assert WorkFile.objects.count() == 0
