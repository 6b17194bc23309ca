"""Imports write only inside the importer's scope (issue 9): rows about another unit are refused, another
unit's dossier is never touched nor revealed, catalogue procedures change only for their owner."""

import io

import pytest
from django.urls import reverse

from core.errors import ApplicationError
from core.tabular import ImportFailed
from onestop.models import Dossier, Procedure
from onestop.services import dossiers_import, procedures_import
from organizations.choices import Role
from organizations.tests.factories import MembershipFactory, UnitFactory, UserFactory

HEADER = "Mã hồ sơ,Mã TTHC,Đơn vị tiếp nhận,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trả kết quả qua BCCI\n"
PROC_HEADER = "Mã TTHC,Tên TTHC,Mức độ DVC\n"


def _csv(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode())


def _row(code, unit, received="01/07/2026", done=""):
    return f"{code},P1,{unit},Trực tuyến,{received},05/07/2026,{done},Không\n"


@pytest.fixture
def two_provinces(db, make_procedure):
    make_procedure("P1")
    home = UnitFactory(code="HOME", short_name="UBND tỉnh Nhà", kind="committee")
    commune = UnitFactory(code="HOME-X", short_name="UBND xã Nhà", kind="commune", parent=home)
    other = UnitFactory(code="OTHER", short_name="UBND tỉnh Khác", kind="committee")
    foreign = UnitFactory(code="OTHER-X", short_name="UBND xã Khác", kind="commune", parent=other)
    leader = UserFactory(username="leader_home")
    MembershipFactory(user=leader, unit=home, role=Role.LEADER)
    focal = UserFactory(username="focal_home")
    MembershipFactory(user=focal, unit=home, role=Role.FOCAL_POINT)
    focal_other = UserFactory(username="focal_other")
    MembershipFactory(user=focal_other, unit=other, role=Role.FOCAL_POINT)
    return type(
        "Provinces",
        (),
        {
            "home": home,
            "commune": commune,
            "other": other,
            "foreign": foreign,
            "leader": leader,
            "focal": focal,
            "focal_other": focal_other,
        },
    )


def _snapshot():
    return list(Dossier.objects.order_by("pk").values())


def test_a_row_of_another_province_is_refused_and_nothing_is_written(two_provinces):
    dossiers_import(source=_csv(HEADER + _row("F1", "UBND xã Khác")), filename="h.csv")
    before = _snapshot()
    data = HEADER + _row("H1", "UBND xã Nhà") + _row("F1", "UBND xã Khác", done="02/07/2026")
    with pytest.raises(ImportFailed) as exc:
        dossiers_import(source=_csv(data), filename="h.csv", user=two_provinces.leader)
    assert [str(e) for e in exc.value.errors] == [
        "Dòng 3, cột «Đơn vị tiếp nhận»: đơn vị «UBND xã Khác» ngoài phạm vi bạn được cập nhật (dòng 3)"
    ]
    assert _snapshot() == before


def test_another_units_dossier_code_is_neither_touched_nor_revealed(two_provinces):
    dossiers_import(source=_csv(HEADER + _row("SAME", "UBND xã Khác")), filename="h.csv")
    before = _snapshot()
    summary = dossiers_import(
        source=_csv(HEADER + _row("SAME", "UBND xã Nhà")), filename="h.csv", user=two_provinces.leader
    )
    # The same answer as for a code nobody has: created, not updated.
    assert (summary.created, summary.updated) == (1, 0)
    assert [d for d in _snapshot() if d["receiving_unit_id"] == two_provinces.foreign.pk] == before


def test_api_dossier_import_across_provinces_is_a_400_and_writes_nothing(client, two_provinces):
    dossiers_import(source=_csv(HEADER + _row("F1", "UBND xã Khác")), filename="h.csv")
    before = _snapshot()
    client.force_login(two_provinces.leader)
    upload = io.BytesIO((HEADER + _row("F1", "UBND xã Khác", done="03/07/2026")).encode())
    upload.name = "h.csv"
    response = client.post(reverse("onestop-api:import-dossiers"), {"file": upload})
    assert response.status_code == 400
    assert "ngoài phạm vi" in response.json()["extra"]["errors"][0]["message"]
    assert _snapshot() == before


def test_duplicate_codes_in_one_file_are_named_and_nothing_is_imported(two_provinces):
    data = HEADER + _row("D1", "UBND xã Nhà") + _row("D2", "UBND xã Nhà") + _row("D1", "UBND xã Nhà")
    with pytest.raises(ImportFailed) as exc:
        dossiers_import(source=_csv(data), filename="h.csv")
    assert [str(e) for e in exc.value.errors] == ["Dòng 4, cột «Mã hồ sơ»: mã hồ sơ «D1» trùng với dòng 2"]
    assert Dossier.objects.count() == 0


def test_duplicate_codes_in_different_batches_are_named_too(two_provinces):
    rows = "".join(_row(f"B{i}", "UBND xã Nhà") for i in range(20))
    data = HEADER + rows + _row("B3", "UBND xã Nhà")
    with pytest.raises(ImportFailed) as exc:
        dossiers_import(source=_csv(data), filename="h.csv", batch_size=5)
    assert [str(e) for e in exc.value.errors] == ["Dòng 22, cột «Mã hồ sơ»: mã hồ sơ «B3» trùng với dòng 5"]
    assert Dossier.objects.count() == 0


def test_a_leader_cannot_rename_catalogue_procedures(two_provinces):
    with pytest.raises(ApplicationError) as exc:
        procedures_import(
            source=_csv(PROC_HEADER + "P1,Tên mới,Toàn trình\n"), filename="p.csv", user=two_provinces.leader
        )
    assert "Chỉ đầu mối CCHC" in exc.value.message
    assert Procedure.objects.get(code="P1").name == "Thủ tục P1"


def test_a_focal_point_changes_only_its_own_procedures(two_provinces, levels):
    Procedure.objects.create(code="MINE", name="Cũ", service_level=levels["full"], owner_unit=two_provinces.home)
    Procedure.objects.create(code="THEIRS", name="Cũ", service_level=levels["full"], owner_unit=two_provinces.other)
    data = PROC_HEADER + "MINE,Mới,Toàn trình\nTHEIRS,Mới,Toàn trình\nP1,Mới,Toàn trình\n"
    with pytest.raises(ImportFailed) as exc:
        procedures_import(source=_csv(data), filename="p.csv", user=two_provinces.focal)
    assert [str(e) for e in exc.value.errors] == [
        "Dòng 3, cột «Mã TTHC»: TTHC «THEIRS» thuộc danh mục bạn không được sửa",
        "Dòng 4, cột «Mã TTHC»: TTHC «P1» thuộc danh mục bạn không được sửa",
    ]
    assert set(Procedure.objects.values_list("name", flat=True)) == {"Cũ", "Thủ tục P1"}
    summary = procedures_import(
        source=_csv(PROC_HEADER + "MINE,Mới,Toàn trình\nNEW,Mới,Toàn trình\n"),
        filename="p.csv",
        user=two_provinces.focal,
    )
    assert (summary.created, summary.updated) == (1, 1)
    assert Procedure.objects.get(code="NEW").owner_unit == two_provinces.home
