"""Demo organisations: a pre-2025 district (huyện Châu Thành) and a two-tier province.

Used by `manage.py load_demo`; idempotent (upserts by unit code and username).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from organizations.choices import Role, UnitKind
from organizations.models import Level, Unit, UnitGroup
from organizations.services import membership_set, unit_merge, unit_set_aliases, user_create

DEMO_PASSWORD = "TienDo@2026"  # noqa: S105 - demo accounts only, printed by load_demo

LEVELS = [
    ("province", "Cấp tỉnh", 1, None),
    ("district", "Cấp huyện", 2, dt.date(2025, 6, 30)),
    ("commune", "Cấp xã", 3, None),
]

# (code, short name, full name, level, kind, parent code, aliases)
DISTRICT = [
    (
        "CT",
        "UBND huyện Châu Thành",
        "Ủy ban nhân dân huyện Châu Thành",
        "district",
        UnitKind.COMMITTEE,
        None,
        ["UBND huyện", "Ủy ban nhân dân huyện"],
    ),
    (
        "CT-VP",
        "Văn phòng HĐND và UBND huyện",
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Châu Thành",
        "district",
        UnitKind.AGENCY,
        "CT",
        ["Văn phòng HĐND và UBND", "Văn phòng UBND huyện"],
    ),
    (
        "CT-NV",
        "Phòng Nội vụ",
        "Phòng Nội vụ huyện Châu Thành",
        "district",
        UnitKind.AGENCY,
        "CT",
        ["Phòng Nội vụ huyện"],
    ),
    (
        "CT-VHTT",
        "Phòng Văn hóa và Thông tin",
        "Phòng Văn hóa và Thông tin huyện Châu Thành",
        "district",
        UnitKind.AGENCY,
        "CT",
        ["Phòng VH&TT", "Phòng Văn hóa - Thông tin"],
    ),
    ("CT-TP", "Phòng Tư pháp", "Phòng Tư pháp huyện Châu Thành", "district", UnitKind.AGENCY, "CT", []),
    (
        "CT-TCKH",
        "Phòng Tài chính - Kế hoạch",
        "Phòng Tài chính - Kế hoạch huyện Châu Thành",
        "district",
        UnitKind.AGENCY,
        "CT",
        ["Phòng Tài chính Kế hoạch"],
    ),
    (
        "CT-KTHT",
        "Phòng Kinh tế và Hạ tầng",
        "Phòng Kinh tế và Hạ tầng huyện Châu Thành",
        "district",
        UnitKind.AGENCY,
        "CT",
        [],
    ),
    (
        "CT-BD",
        "Bưu điện huyện",
        "Bưu điện huyện Châu Thành",
        "district",
        UnitKind.PARTNER,
        "CT",
        ["Bưu điện huyện Châu Thành"],
    ),
    ("CT-MYLOI", "UBND thị trấn Mỹ Lợi", "Ủy ban nhân dân thị trấn Mỹ Lợi", "commune", UnitKind.COMMUNE, "CT", []),
    ("CT-TANPHU", "UBND xã Tân Phú", "Ủy ban nhân dân xã Tân Phú", "commune", UnitKind.COMMUNE, "CT", []),
    ("CT-ANHOA", "UBND xã An Hòa", "Ủy ban nhân dân xã An Hòa", "commune", UnitKind.COMMUNE, "CT", []),
    ("CT-LONGDIEN", "UBND xã Long Điền", "Ủy ban nhân dân xã Long Điền", "commune", UnitKind.COMMUNE, "CT", []),
    ("CT-PHUHUNG", "UBND xã Phú Hưng", "Ủy ban nhân dân xã Phú Hưng", "commune", UnitKind.COMMUNE, "CT", []),
    ("CT-BINHTHANH", "UBND xã Bình Thạnh", "Ủy ban nhân dân xã Bình Thạnh", "commune", UnitKind.COMMUNE, "CT", []),
    ("CT-HOALOI", "UBND xã Hòa Lợi", "Ủy ban nhân dân xã Hòa Lợi", "commune", UnitKind.COMMUNE, "CT", []),
    ("CT-LONGHOA", "UBND xã Long Hòa", "Ủy ban nhân dân xã Long Hòa", "commune", UnitKind.COMMUNE, "CT", []),
    ("CT-SONGPHU", "UBND xã Song Phú", "Ủy ban nhân dân xã Song Phú", "commune", UnitKind.COMMUNE, "CT", []),
    ("CT-PHUTHANH", "UBND xã Phú Thành", "Ủy ban nhân dân xã Phú Thành", "commune", UnitKind.COMMUNE, "CT", []),
]

PROVINCE = [
    (
        "SH",
        "UBND tỉnh Sông Hậu",
        "Ủy ban nhân dân tỉnh Sông Hậu",
        "province",
        UnitKind.COMMITTEE,
        None,
        ["UBND tỉnh", "Ủy ban nhân dân tỉnh"],
    ),
    ("SH-VP", "Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh Sông Hậu", "province", UnitKind.AGENCY, "SH", []),
    ("SH-SNV", "Sở Nội vụ", "Sở Nội vụ tỉnh Sông Hậu", "province", UnitKind.AGENCY, "SH", []),
    (
        "SH-SKHCN",
        "Sở Khoa học và Công nghệ",
        "Sở Khoa học và Công nghệ tỉnh Sông Hậu",
        "province",
        UnitKind.AGENCY,
        "SH",
        ["Sở KH&CN"],
    ),
    ("SH-STP", "Sở Tư pháp", "Sở Tư pháp tỉnh Sông Hậu", "province", UnitKind.AGENCY, "SH", []),
    ("SH-STC", "Sở Tài chính", "Sở Tài chính tỉnh Sông Hậu", "province", UnitKind.AGENCY, "SH", []),
    (
        "SH-TTPVHCC",
        "Trung tâm Phục vụ hành chính công tỉnh",
        "Trung tâm Phục vụ hành chính công tỉnh Sông Hậu",
        "province",
        UnitKind.SERVICE_CENTRE,
        "SH",
        [],
    ),
    ("SH-BD", "Bưu điện tỉnh", "Bưu điện tỉnh Sông Hậu", "province", UnitKind.PARTNER, "SH", []),
]
WARDS = [
    ("ANBINH", "phường An Bình"),
    ("TANDINH", "phường Tân Định"),
    ("PHUHUU", "xã Phú Hữu"),
    ("MYTHANH", "xã Mỹ Thạnh"),
]
WARD_OFFICES = [
    ("VP", "Văn phòng HĐND và UBND {kind}", UnitKind.AGENCY),
    ("VHXH", "Phòng Văn hóa - Xã hội", UnitKind.AGENCY),
    ("KT", "Phòng Kinh tế, Hạ tầng và Đô thị", UnitKind.AGENCY),
    ("TTPV", "Trung tâm Phục vụ hành chính công {kind}", UnitKind.SERVICE_CENTRE),
]

# (username, full name, unit code, role, position)
USERS = [
    ("lanhdao.huyen", "Nguyễn Văn Hùng", "CT", Role.LEADER, "Chủ tịch UBND huyện"),
    ("daumoi.noivu", "Trần Thị Mai", "CT-NV", Role.FOCAL_POINT, "Chuyên viên Phòng Nội vụ"),
    ("lanhdao.noivu", "Lê Minh Tâm", "CT-NV", Role.LEADER, "Trưởng phòng Nội vụ"),
    ("chuyenvien.tuphap", "Phạm Quốc Bảo", "CT-TP", Role.OFFICER, "Chuyên viên Phòng Tư pháp"),
    ("chuyenvien.vhtt", "Võ Thị Lan", "CT-VHTT", Role.OFFICER, "Chuyên viên Phòng VH&TT"),
    ("xem.vanphong", "Đặng Hữu Phước", "CT-VP", Role.VIEWER, "Chuyên viên Văn phòng"),
    ("lanhdao.tanphu", "Huỳnh Văn Sang", "CT-TANPHU", Role.LEADER, "Chủ tịch UBND xã Tân Phú"),
    ("canbo.tanphu", "Ngô Thị Hạnh", "CT-TANPHU", Role.OFFICER, "Công chức Văn phòng - Thống kê"),
    ("canbo.anhoa", "Lý Thanh Tùng", "CT-ANHOA", Role.OFFICER, "Công chức Văn phòng - Thống kê"),
    ("daumoi.sonoivu", "Bùi Thị Thu", "SH-SNV", Role.FOCAL_POINT, "Chuyên viên Sở Nội vụ"),
    ("lanhdao.anbinh", "Đỗ Văn Khánh", "ANBINH", Role.LEADER, "Chủ tịch UBND phường An Bình"),
    ("canbo.anbinh", "Trịnh Thị Ngọc", "ANBINH-VP", Role.OFFICER, "Chuyên viên Văn phòng HĐND và UBND phường"),
    ("truyenthong.huyen", "Phan Thị Hoa", "CT", Role.COMMUNICATIONS, "Chuyên viên Văn phòng, phụ trách truyền thông"),
]


def _upsert(code, short, full, level, kind, parent, aliases, levels, active_from=None) -> Unit:
    unit, _created = Unit.objects.update_or_create(
        code=code,
        defaults={
            "short_name": short,
            "full_name": full,
            "level": levels[level],
            "kind": kind,
            "parent": Unit.objects.get(code=parent) if parent else None,
            "active_from": active_from,
        },
    )
    unit_set_aliases(unit=unit, names=aliases)
    return unit


def _group(name, owner, aliases, *, kind="", parent=None, level=None) -> UnitGroup:
    group, _created = UnitGroup.objects.update_or_create(
        name=name,
        owner=owner,
        defaults={
            "aliases": "\n".join(aliases),
            "rule_parent": parent,
            "rule_kind": kind,
            "rule_level": level,
            "rule_direct_children_only": True,
        },
    )
    return group


@transaction.atomic
def load_demo() -> list[tuple[str, str, str]]:
    levels = {}
    for code, name, rank, active_to in LEVELS:
        levels[code], _ = Level.objects.update_or_create(
            code=code, defaults={"name": name, "rank": rank, "active_to": active_to}
        )
    for row in DISTRICT:
        _upsert(*row, levels=levels)
    for row in PROVINCE:
        _upsert(*row, levels=levels, active_from=dt.date(2025, 7, 1))
    for code, name in WARDS:
        kind_word = name.split()[0]
        _upsert(
            code,
            f"UBND {name}",
            f"Ủy ban nhân dân {name}",
            "commune",
            UnitKind.COMMITTEE,
            "SH",
            [f"UBND {kind_word}"],
            levels,
            active_from=dt.date(2025, 7, 1),
        )
        for suffix, template, kind in WARD_OFFICES:
            short = template.format(kind=kind_word)
            _upsert(
                f"{code}-{suffix}",
                short,
                f"{short} {name.split(' ', 1)[1]}".replace("  ", " "),
                "commune",
                kind,
                code,
                [],
                levels,
                active_from=dt.date(2025, 7, 1),
            )

    district, province = Unit.objects.get(code="CT"), Unit.objects.get(code="SH")
    songphu = Unit.objects.get(code="CT-SONGPHU")
    if songphu.successor_id is None:
        unit_merge(source=songphu, into=Unit.objects.get(code="CT-LONGDIEN"), on=dt.date(2025, 6, 30))

    _group(
        "UBND các xã, thị trấn",
        district,
        ["Chủ tịch UBND các xã, thị trấn", "các xã, thị trấn", "UBND các xã", "Chủ tịch UBND các xã"],
        kind=UnitKind.COMMUNE,
        parent=district,
    )
    _group(
        "Các cơ quan chuyên môn thuộc UBND huyện",
        district,
        [
            "Thủ trưởng các cơ quan chuyên môn",
            "các cơ quan chuyên môn",
            "Trưởng các phòng, ban chuyên môn",
            "các phòng, ban chuyên môn",
        ],
        kind=UnitKind.AGENCY,
        parent=district,
    )
    _group(
        "Các sở, ban, ngành tỉnh",
        province,
        ["Giám đốc các sở, ban, ngành tỉnh", "các sở, ban, ngành", "Thủ trưởng các sở, ban, ngành"],
        kind=UnitKind.AGENCY,
        parent=province,
    )
    _group(
        "UBND các xã, phường",
        province,
        ["Chủ tịch UBND các xã, phường", "các xã, phường"],
        kind=UnitKind.COMMITTEE,
        parent=province,
    )

    accounts = [("admin", DEMO_PASSWORD, "Quản trị hệ thống")]
    user_create(username="admin", password=DEMO_PASSWORD, full_name="Quản trị hệ thống", is_superuser=True)
    for username, full_name, unit_code, role, position in USERS:
        user = user_create(
            username=username, password=DEMO_PASSWORD, full_name=full_name, email=f"{username}@example.gov.vn"
        )
        membership_set(user=user, unit=Unit.objects.get(code=unit_code), role=role, position=position)
        accounts.append((username, DEMO_PASSWORD, f"{Role(role).label} – {position}"))
    return accounts


DEMO_GROUPS = (
    "UBND các xã, thị trấn",
    "Các cơ quan chuyên môn thuộc UBND huyện",
    "Các sở, ban, ngành tỉnh",
    "UBND các xã, phường",
)


def _demo_unit_codes() -> list[str]:
    codes = [row[0] for row in DISTRICT] + [row[0] for row in PROVINCE]
    for code, _name in WARDS:
        codes += [code, *(f"{code}-{suffix}" for suffix, _template, _kind in WARD_OFFICES)]
    return codes


def remove_demo() -> dict[str, int]:
    """Delete the demo accounts, groups and units, and nothing else.

    An account is removed only while it still has the demo password (otherwise someone uses it: it stays) and
    only if nothing real points at it; a unit only if no real member, target, group or record uses it (a unit in
    use stays, with its parents). Runs after each app's own `remove_demo`."""
    from django.contrib.auth import get_user_model
    from django.db.models import ProtectedError

    from organizations.models import Membership

    result = {"users": 0, "units": 0, "groups": 0, "kept_users": 0, "kept_units": 0}
    demo_usernames = ["admin", *(row[0] for row in USERS)]
    for user in get_user_model().objects.filter(username__in=demo_usernames):
        if not user.check_password(DEMO_PASSWORD):
            result["kept_users"] += 1
            continue
        try:
            with transaction.atomic():
                user.delete()
            result["users"] += 1
        except ProtectedError:
            result["kept_users"] += 1
    codes = _demo_unit_codes()
    demo_units = Unit.objects.filter(code__in=codes)
    with transaction.atomic():
        result["groups"] = UnitGroup.objects.filter(name__in=DEMO_GROUPS, owner__in=demo_units).delete()[0]
    # Leaves first: a unit goes only once its children have gone.
    pending = {u.pk: u for u in demo_units}
    progress = True
    while pending and progress:
        progress = False
        parents = set(Unit.objects.filter(parent__in=list(pending)).values_list("parent_id", flat=True))
        for pk in [pk for pk in pending if pk not in parents]:
            unit = pending.pop(pk)
            in_use = (
                Membership.objects.filter(unit=unit).exists()
                or UnitGroup.objects.filter(owner=unit).exists()
                or unit.predecessors.exclude(code__in=codes).exists()
                or _has_targets(unit)
            )
            if in_use:
                result["kept_units"] += 1
                continue
            try:
                with transaction.atomic():
                    Unit.objects.filter(successor=unit).update(successor=None)
                    unit.delete()
                result["units"] += 1
                progress = True
            except ProtectedError:
                result["kept_units"] += 1
    result["kept_units"] += len(pending)
    return result


def _has_targets(unit) -> bool:
    from django.apps import apps

    if not apps.is_installed("onestop"):
        return False
    return apps.get_model("onestop", "Target").objects.filter(unit=unit).exists()
