import datetime as dt
import io

import pytest

from core.errors import ApplicationError
from core.tabular import ImportFailed
from organizations.models import Unit, UnitGroup
from organizations.selectors import UnitNameIndex, unit_group_members, unit_tree
from organizations.services import unit_merge, unit_set_aliases, units_import
from organizations.tests.factories import UnitFactory

HEADER = "Mã đơn vị,Tên ngắn,Tên đầy đủ,Cấp,Loại,Mã đơn vị cấp trên,Tên gọi khác,Hoạt động từ\n"


def test_tree_order_and_depth(org):
    names = [
        (u.short_name, u.tree_depth) for u in unit_tree(Unit.objects.filter(pk__in=[org.root.pk, org.a.pk, org.c.pk]))
    ]
    assert names == [("UBND huyện Thử", 0), ("Phòng Nội vụ", 1), ("UBND xã Tân Phú", 1)]


def test_group_by_rule_and_explicit_list(org):
    group = UnitGroup.objects.create(name="UBND các xã", owner=org.root, rule_parent=org.root, rule_kind="commune")
    assert list(unit_group_members(group)) == [org.c]
    group.members.add(org.b)
    assert set(unit_group_members(group)) == {org.b, org.c}


def test_group_leaves_out_closed_units(org):
    group = UnitGroup.objects.create(name="Các phòng", owner=org.root, rule_parent=org.root, rule_kind="agency")
    org.b.active_to = dt.date(2025, 6, 30)
    org.b.save()
    assert list(unit_group_members(group, on=dt.date(2025, 7, 1))) == [org.a]
    assert set(unit_group_members(group, on=dt.date(2025, 6, 1))) == {org.a, org.b}


def test_aliases_match_case_diacritics_and_abbreviations(org):
    unit_set_aliases(unit=org.a, names=["Phòng Nội vụ Huyện"])
    index = UnitNameIndex()
    assert index.unit("phòng nội vụ huyện") == org.a
    assert index.unit("PHONG NOI VU HUYEN") == org.a
    assert index.unit("Ủy ban nhân dân xã Tân Phú") == org.c


def test_group_match_strips_office_holder_and_suggests(org):
    UnitGroup.objects.create(name="UBND các xã, thị trấn", owner=org.root, rule_parent=org.root, rule_kind="commune")
    index = UnitNameIndex()
    assert index.match("Chủ tịch UBND các xã, thị trấn").group.name == "UBND các xã, thị trấn"
    miss = index.match("Phòng Tư phap huyen")
    assert not miss.matched
    assert "Phòng Tư pháp" in miss.suggestions


def test_merge_keeps_history_and_moves_name(org):
    unit_merge(source=org.c, into=org.b, on=dt.date(2025, 6, 30))
    org.c.refresh_from_db()
    assert org.c.successor == org.b
    assert not org.c.is_active_on(dt.date(2025, 7, 1))
    assert Unit.objects.filter(pk=org.c.pk).exists()
    assert UnitNameIndex().unit("UBND xã Tân Phú") in (org.c, org.b)
    assert org.b.aliases.filter(name="UBND xã Tân Phú").exists()


def test_merge_into_itself_is_refused(org):
    with pytest.raises(ApplicationError):
        unit_merge(source=org.a, into=org.a, on=dt.date(2025, 6, 30))


def test_import_creates_tree_and_is_idempotent(db):
    data = (
        HEADER + "P,UBND huyện Mới,,,Ủy ban nhân dân,,,\n"
        "P-NV,Phòng Nội vụ,,,agency,P,Phòng Nội vụ huyện;PNV,01/07/2025\n"
    ).encode()
    first = units_import(source=io.BytesIO(data), filename="u.csv")
    assert (first.created, first.updated) == (2, 0)
    child = Unit.objects.get(code="P-NV")
    assert child.parent.code == "P"
    assert child.active_from == dt.date(2025, 7, 1)
    assert sorted(child.aliases.values_list("name", flat=True)) == ["PNV", "Phòng Nội vụ huyện"]
    again = units_import(source=io.BytesIO(data), filename="u.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Unit.objects.count() == 2


def test_import_with_bad_rows_names_them_and_writes_nothing(db):
    UnitFactory(code="KEEP")
    data = (
        HEADER + "N1,Đơn vị một,,,agency,,,\nN2,Đơn vị hai,,,không rõ,,,\nN3,Đơn vị ba,,,agency,KHONGCO,,31/02/2026\n"
    ).encode()
    with pytest.raises(ImportFailed) as exc:
        units_import(source=io.BytesIO(data), filename="u.csv")
    texts = [str(e) for e in exc.value.errors]
    assert "Dòng 3, cột «Loại»: loại đơn vị không hợp lệ «không rõ»" in texts
    assert any(t.startswith("Dòng 4, cột «Hoạt động từ»") for t in texts)
    assert any(t.startswith("Dòng 4, cột «Mã đơn vị cấp trên»") for t in texts)
    assert list(Unit.objects.values_list("code", flat=True)) == ["KEEP"]


def test_import_refuses_missing_columns(db):
    with pytest.raises(ImportFailed) as exc:
        units_import(source=io.BytesIO("Mã đơn vị\nA\n".encode()), filename="u.csv")
    assert "Tên ngắn" in exc.value.message


def test_load_demo_is_idempotent(db):
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())
    counts = (Unit.objects.count(), UnitGroup.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Unit.objects.count(), UnitGroup.objects.count()) == counts
    names = set(Unit.objects.values_list("short_name", flat=True))
    assert {
        "UBND huyện Châu Thành",
        "UBND xã Tân Phú",
        "UBND xã An Hòa",
        "UBND thị trấn Mỹ Lợi",
        "UBND xã Long Điền",
        "Bưu điện huyện",
        "Sở Nội vụ",
    } <= names
    communes = UnitGroup.objects.get(name="UBND các xã, thị trấn")
    assert unit_group_members(communes).count() >= 9
