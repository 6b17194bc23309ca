"""The province-scale dataset of issue 10, built deterministically through the real import paths.

Units by the unit import, procedures and dossiers by the one-stop importers, directives issued through the
assignment services (with progress reports and reviews), PAR assessments opened by the PAR services. The
same seed and sizes give the same data. `python manage.py load_scale --help` lists the sizes; the defaults
are the province of issue 10 (168 units, 2,000 procedures, 1,000,000 dossiers of 2026, 100 directives →
5,000 assignments with ≈5,900 progress reports, 100 assessments).

Logins for the load test (password SCALE_PASSWORD): `scale.focal` (PAR focal point of the province),
`scale.leader` (leader of the province), `scale.officer.N` (officer of commune N, for N < officers).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

SCALE_PASSWORD = "TienDo@2026"  # noqa: S105 - the documented password of generated test accounts
ROOT = "SCALE"
CHANNELS = ["Trực tiếp", "Trực tuyến", "Bưu chính công ích"]
FIELDS = [
    "Hộ tịch",
    "Chứng thực",
    "Đất đai",
    "Xây dựng",
    "Kinh doanh",
    "Tư pháp",
    "Lao động",
    "Giáo dục",
    "Y tế",
    "Giao thông",
    "Tài nguyên",
    "Nông nghiệp",
    "Văn hóa",
    "Thuế",
    "Bảo trợ xã hội",
    "Công thương",
]
CRITERIA = Path(__file__).resolve().parent.parent / "parindex" / "fixtures" / "bo-chi-so-xa-2026.csv"


@dataclass
class Sizes:
    departments: int = 27
    communes: int = 140
    procedures: int = 2_000
    dossiers: int = 1_000_000
    directives: int = 100
    items: int = 10  # per directive
    recipients: int = 5  # lead units per item: directives × items × recipients assignments
    assessments: int = 100
    officers: int = 20
    year: int = 2026
    seed: int = 10


def commune_name(i: int) -> str:
    return f"UBND xã Thử Nghiệm {i:03d}"


def department_name(i: int) -> str:
    return f"Sở Ngành Thử {i:02d}"


def load_scale(sizes: Sizes, log: Callable[[str], None] = print) -> dict[str, float]:
    """Build (or complete: every step is idempotent) the dataset; returns seconds per step."""
    timings: dict[str, float] = {}
    steps = [
        ("units", _units),
        ("users", _users),
        ("procedures", _procedures),
        ("dossiers", _dossiers),
        ("directives", _directives),
        ("assessments", _assessments),
    ]
    for name, step in steps:
        began = time.perf_counter()
        note = step(sizes)
        timings[name] = round(time.perf_counter() - began, 1)
        log(f"{name:<12} {timings[name]:>7.1f} s  {note}")
    return timings


def _write_csv(rows: list[list], header: list[str]) -> Path:
    handle = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8", newline="")  # noqa: SIM115
    with handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return Path(handle.name)


def _units(sizes: Sizes) -> str:
    from organizations.services import units_import

    rows = [[ROOT, "UBND tỉnh Thử Nghiệm", "Ủy ban nhân dân tỉnh Thử Nghiệm", "committee", ""]]
    rows += [[f"{ROOT}-S{i:02d}", department_name(i), "", "agency", ROOT] for i in range(sizes.departments)]
    rows += [[f"{ROOT}-X{i:03d}", commune_name(i), "", "commune", ROOT] for i in range(sizes.communes)]
    path = _write_csv(rows, ["Mã đơn vị", "Tên ngắn", "Tên đầy đủ", "Loại", "Mã đơn vị cấp trên"])
    try:
        summary = units_import(source=path)
    finally:
        path.unlink()
    return str(summary)


def _users(sizes: Sizes) -> str:
    from organizations.choices import Role
    from organizations.models import Membership, Unit

    user_model = get_user_model()
    root = Unit.objects.get(code=ROOT)
    wanted = [("scale.focal", root, Role.FOCAL_POINT), ("scale.leader", root, Role.LEADER)]
    communes = {u.code: u for u in Unit.objects.filter(code__startswith=f"{ROOT}-X")}
    wanted += [
        (f"scale.officer.{i}", communes[f"{ROOT}-X{i:03d}"], Role.OFFICER)
        for i in range(min(sizes.officers, sizes.communes))
    ]
    created = 0
    for username, unit, role in wanted:
        user, is_new = user_model.objects.get_or_create(username=username)
        if is_new:
            user.set_password(SCALE_PASSWORD)
            user.save()
            created += 1
        Membership.objects.get_or_create(user=user, unit=unit, defaults={"role": role})
    return f"{created} created, {len(wanted)} in all"


def _procedures(sizes: Sizes) -> str:
    from onestop.models import ServiceLevel
    from onestop.services import procedures_import

    levels = [level.name for level in ServiceLevel.objects.order_by("code")]
    rng = random.Random(sizes.seed)
    rows = [
        [
            f"9.{i:06d}",
            f"Thủ tục thử nghiệm {i}",
            FIELDS[i % len(FIELDS)],
            "Cấp xã",
            rng.choice(levels),
            rng.randint(1, 20),
        ]
        for i in range(sizes.procedures)
    ]
    header = ["Mã TTHC", "Tên TTHC", "Lĩnh vực", "Cấp thực hiện", "Mức độ DVC", "Số ngày giải quyết"]
    path = _write_csv(rows, header)
    try:
        return str(procedures_import(source=path))
    finally:
        path.unlink()


def _dossiers(sizes: Sizes) -> str:
    from onestop.services import dossiers_import

    rng = random.Random(sizes.seed + 1)
    units = [commune_name(i) for i in range(sizes.communes)] + [department_name(i) for i in range(sizes.departments)]
    start = dt.date(sizes.year, 1, 1)
    handle = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8", newline="")  # noqa: SIM115
    with handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "Mã hồ sơ",
                "Mã TTHC",
                "Đơn vị tiếp nhận",
                "Kênh nộp",
                "Ngày tiếp nhận",
                "Ngày hẹn trả",
                "Ngày có kết quả",
                "Trả kết quả qua BCCI",
            ]
        )
        for i in range(sizes.dossiers):
            received = start + dt.timedelta(days=rng.randrange(365))
            due = received + dt.timedelta(days=rng.randrange(1, 20))
            done = received + dt.timedelta(days=rng.randrange(0, 25)) if rng.random() < 0.85 else None
            writer.writerow(
                [
                    f"SC-{i:09d}",
                    f"9.{rng.randrange(sizes.procedures):06d}",
                    rng.choice(units),
                    CHANNELS[rng.randrange(3)],
                    received.strftime("%d/%m/%Y"),
                    due.strftime("%d/%m/%Y"),
                    done.strftime("%d/%m/%Y") if done else "",
                    "Có" if rng.random() < 0.1 else "Không",
                ]
            )
    path = Path(handle.name)
    try:
        summary = dossiers_import(source=path)
    finally:
        path.unlink()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # The visibility map makes the figures' index-only scans skip the table (autovacuum would, later).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE onestop_dossier")
    return str(summary)


def _directives(sizes: Sizes) -> str:
    from assignments import services
    from assignments.models import Assignment, Directive, ProgressReport
    from organizations.models import Unit

    root = Unit.objects.get(code=ROOT)
    focal = get_user_model().objects.get(username="scale.focal")
    existing = Directive.objects.filter(issuing_unit=root, number__startswith="SC-").count()
    rng = random.Random(sizes.seed + 2)
    today = timezone.localdate()
    names = [commune_name(i) for i in range(sizes.communes)] + [department_name(i) for i in range(sizes.departments)]
    reports = 0
    for d in range(sizes.directives):
        # The same draws whether or not the directive exists, so a partial run completes to the same data.
        items = [
            services.ItemInput(
                content=f"Thông báo {d + 1}, nội dung {k + 1}: rà soát, đơn giản hóa thủ tục hành chính lĩnh vực "
                f"{FIELDS[(d + k) % len(FIELDS)].lower()} và báo cáo kết quả",
                recipients=rng.sample(names, min(sizes.recipients, len(names))),
                deadline=today + dt.timedelta(days=rng.randint(1, 120)),
            )
            for k in range(sizes.items)
        ]
        overdue_days = [rng.randint(1, 60) if rng.random() < 0.3 else 0 for _ in range(sizes.items * sizes.recipients)]
        if d < existing:
            continue
        with transaction.atomic():
            directive = services.directive_create(
                issuing_unit=root,
                date=today - dt.timedelta(days=90),
                created_by=focal,
                text="",
                number=f"SC-{d + 1:03d}/TB-UBND",
                title=f"Thông báo kết luận số {d + 1} (dữ liệu thử tải)",
                items=items,
            )
            created = services.directive_issue(directive=directive, issued_by=focal)
            for assignment, late in zip(created, overdue_days, strict=False):
                if late:  # back-dated, as a province's older work would be
                    Assignment.objects.filter(pk=assignment.pk).update(deadline=today - dt.timedelta(days=late))
                    continue
                services.progress_report_submit(
                    assignment=assignment, unit=assignment.lead_unit, author=focal, text="Đang triển khai", percent=50
                )
                reports += 1
                if assignment.pk % 6 == 0:
                    final = services.progress_report_submit(
                        assignment=assignment,
                        unit=assignment.lead_unit,
                        author=focal,
                        text="Đã hoàn thành",
                        percent=100,
                        is_final=True,
                    )
                    services.progress_report_accept(report=final, reviewer=focal)
                    reports += 1
    total = Assignment.objects.filter(assigning_unit=root).count()
    all_reports = ProgressReport.objects.filter(assignment__assigning_unit=root).count()
    return f"{sizes.directives - existing} directives issued now; {total} assignments, {all_reports} reports"


def _assessments(sizes: Sizes) -> str:
    from organizations.models import Unit
    from parindex.models import CriteriaSet
    from parindex.services import assessment_open, criteria_import, criterion_update

    criteria_set = CriteriaSet.objects.filter(year=sizes.year, name="Bộ chỉ số thử tải").first()
    if criteria_set is None:
        criteria_set, _summary = criteria_import(source=CRITERIA, year=sizes.year, name="Bộ chỉ số thử tải")
        leaves = list(criteria_set.criteria.filter(children__isnull=True).order_by("position"))
        for criterion, key in zip(
            leaves[-3:], ["onestop.online_rate", "onestop.on_time_rate", "assignments.on_time_rate"], strict=False
        ):
            criterion_update(
                criterion=criterion, metric_key=key, scoring_rule=f"≥ 80%: {criterion.max_points}; còn lại: 0"
            )
    units = list(Unit.objects.filter(code__startswith=f"{ROOT}-X").order_by("code")[: sizes.assessments])
    if len(units) < sizes.assessments:
        units += list(
            Unit.objects.filter(code__startswith=f"{ROOT}-S").order_by("code")[: sizes.assessments - len(units)]
        )
    for unit in units:
        assessment_open(criteria_set=criteria_set, unit=unit)
    return f"{len(units)} assessments"


def grow_assignments(total: int, seed: int = 11) -> int:
    """For the growth table only: copies of the issued assignments (bulk insert, not through the services:
    no notifications or history) until there are `total`, a third of the new ones overdue."""
    from assignments.models import Assignment

    existing = list(Assignment.objects.filter(assigning_unit__code=ROOT).order_by("pk")[:5000])
    missing = total - Assignment.objects.count()
    if missing <= 0 or not existing:
        return 0
    rng = random.Random(seed)
    today = timezone.localdate()
    copies = []
    for i in range(missing):
        model = existing[i % len(existing)]
        late = rng.random() < 0.33
        copies.append(
            Assignment(
                item=model.item,
                assigning_unit_id=model.assigning_unit_id,
                lead_unit_id=model.lead_unit_id,
                content=model.content,
                deadline=today - dt.timedelta(days=rng.randint(1, 60)) if late else today + dt.timedelta(days=30),
                created_by_id=model.created_by_id,
            )
        )
    Assignment.objects.bulk_create(copies, batch_size=2000)
    return missing
