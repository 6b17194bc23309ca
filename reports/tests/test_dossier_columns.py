"""The optional dossier columns the 766 forecast reads: imported when present, old files still valid."""

import pytest

from core.tabular import ImportFailed
from onestop.models import Dossier
from onestop.services import dossiers_import, procedures_import

from .conftest import FIXTURES

HEADER = "Mã hồ sơ,Mã TTHC,Đơn vị tiếp nhận,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trả kết quả qua BCCI"
OPTIONAL = ",Thanh toán trực tuyến,Số hóa thành phần hồ sơ,Kết quả điện tử,Số lần yêu cầu bổ sung"


@pytest.fixture
def catalogue(district):
    procedures_import(source=FIXTURES / "thu-tuc.csv")


def _write(tmp_path, text):
    path = tmp_path / "ho-so.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_optional_columns_are_imported(catalogue, tmp_path):
    path = _write(
        tmp_path,
        HEADER + OPTIONAL + "\n"
        "HS1,1.075954,UBND xã Tân Phú,Trực tuyến,02/07/2026,05/07/2026,04/07/2026,Không,Có,Có,Không,2\n"
        "HS2,1.075954,UBND xã Tân Phú,Trực tiếp,02/07/2026,05/07/2026,,Không,,,,\n",
    )
    dossiers_import(source=path)
    one, two = Dossier.objects.get(code="HS1"), Dossier.objects.get(code="HS2")
    assert (one.online_payment, one.digitised, one.electronic_result, one.supplement_requests) == (True, True, False, 2)
    assert (two.online_payment, two.digitised, two.electronic_result, two.supplement_requests) == (
        None,
        None,
        None,
        None,
    )


def test_old_files_stay_valid(catalogue, tmp_path):
    path = _write(tmp_path, HEADER + "\nHS1,1.075954,UBND xã Tân Phú,Trực tiếp,02/07/2026,05/07/2026,,Không\n")
    assert dossiers_import(source=path).created == 1
    assert Dossier.objects.get(code="HS1").online_payment is None


def test_bad_optional_values_are_named(catalogue, tmp_path):
    path = _write(
        tmp_path,
        HEADER + OPTIONAL + "\nHS1,1.075954,UBND xã Tân Phú,Trực tiếp,02/07/2026,05/07/2026,,Không,Có lẽ,Có,Có,hai\n",
    )
    with pytest.raises(ImportFailed) as failed:
        dossiers_import(source=path)
    columns = {error.column for error in failed.value.errors}
    assert {"Thanh toán trực tuyến", "Số lần yêu cầu bổ sung"} <= columns
    assert not Dossier.objects.exists()
