"""Demo data: the province asks its communes and wards for their 2027 PAR plans by 15/01/2027; phường
An Bình has imported its plan (the shared sample) with one task reported done and accepted. Idempotent
(keyed by the plan's number); used by `manage.py load_demo`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from assignments import services as assignment_services
from organizations.models import Unit, UnitGroup
from plans import services
from plans.models import Plan, PlanKind

SAMPLE = Path(__file__).parent / "demo_data" / "ke-hoach-cchc-phuong-2027.docx"
NUMBER = "05/KH-UBND"


@transaction.atomic
def load_demo() -> None:
    province = Unit.objects.filter(code="SH").first()
    ward = Unit.objects.filter(code="ANBINH").first()
    group = UnitGroup.objects.filter(name="UBND các xã, phường", owner=province).first()
    kind = PlanKind.objects.filter(code="cchc").first()
    if None in (province, ward, group, kind) or Plan.objects.filter(issuing_unit=ward, number=NUMBER).exists():
        return
    users = get_user_model().objects.in_bulk(
        ["daumoi.sonoivu", "lanhdao.anbinh", "canbo.anbinh"], field_name="username"
    )
    if len(users) < 3:
        return
    services.requirement_set(
        kind=kind,
        year=2027,
        requiring_unit=province,
        group=group,
        due_date=dt.date(2027, 1, 15),
        by=users["daumoi.sonoivu"],
    )
    summary = services.plan_import(
        source=SAMPLE.read_bytes(),
        filename=SAMPLE.name,
        kind=kind,
        year=2027,
        issuing_unit=ward,
        created_by=users["lanhdao.anbinh"],
        title="Cải cách hành chính năm 2027",
        signer="Đỗ Văn Khánh",
    )
    first = summary.plan.activities.get(order=1).assignments.get()
    report = assignment_services.progress_report_submit(
        assignment=first,
        unit=first.lead_unit,
        author=users["canbo.anbinh"],
        text="Đã ban hành Kế hoạch kiểm tra công tác CCHC năm 2027 (Kế hoạch số 09/KH-UBND).",
        is_final=True,
    )
    assignment_services.progress_report_accept(report=report, reviewer=users["lanhdao.anbinh"])


@transaction.atomic
def remove_demo() -> int:
    """Delete the demo plan (with the assignments of its tasks) and the demo requirement; nothing else."""
    from assignments.models import Assignment
    from plans.models import PlanRequirement

    removed = 0
    for plan in Plan.objects.filter(issuing_unit__code="ANBINH", number=NUMBER):
        removed += Assignment.objects.filter(plan_activity_link__activity__plan=plan).delete()[0]
        removed += plan.delete()[0]
    removed += PlanRequirement.objects.filter(
        requiring_unit__code="SH", year=2027, kind__code="cchc", due_date=dt.date(2027, 1, 15)
    ).delete()[0]
    return removed
