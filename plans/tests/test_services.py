"""Importing a plan (activities → assignments, all-or-nothing), the register, reminders and metrics."""

import datetime as dt

import pytest
from django.utils import timezone

from assignments import services as assignment_services
from assignments.models import Assignment, Notification
from core.errors import ApplicationError
from core.metrics import get_metric
from core.tabular import ImportFailed
from plans import selectors, services
from plans.models import Activity, Plan
from plans.tests.conftest import SAMPLE_DOCX


def _import(ward, kind, path=SAMPLE_DOCX, unit=None, user=None, **kwargs):
    return services.plan_import(
        source=path.read_bytes(),
        filename=path.name,
        kind=kind,
        year=2027,
        issuing_unit=unit or ward.an_binh,
        created_by=user or ward.leader,
        **kwargs,
    )


def test_import_creates_plan_sections_activities_and_assignments(ward, cchc):
    summary = _import(ward, cchc)
    plan = summary.plan
    assert (plan.number, plan.date, plan.year) == ("05/KH-UBND", dt.date(2026, 12, 28), 2027)
    assert plan.file.name.endswith(".docx")
    assert [s.title for s in plan.sections.all()] == [
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
        "III. HIỆN ĐẠI HÓA HÀNH CHÍNH",
    ]
    assert plan.activities.count() == 8
    # Task 4 has two lead units: 9 assignments for 8 activities.
    assert summary.assignments == 9
    four = plan.activities.get(order=4)
    leads = sorted(a.lead_unit.short_name for a in four.assignments.all())
    assert leads == ["Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng Văn hóa - Xã hội"]
    first = plan.activities.get(order=1).assignments.get()
    assert first.assigning_unit == ward.an_binh
    assert first.deadline == dt.date(2027, 3, 31)
    assert list(first.coordinators.all()) == [ward.offices["VHXH"]]
    assert "05/KH-UBND" in first.source_label and "I. CÔNG TÁC" in first.source_label
    assert plan.activities.get(order=1).output == "Kế hoạch của UBND phường"
    # The lead unit's people are told, like for a directive.
    assert Notification.objects.filter(recipient=ward.officer, assignment=first).exists()


def test_group_lead_fans_out_to_members(ward, cchc):
    csv = "Nội dung nhiệm vụ;Cơ quan chủ trì;Thời hạn\nBan hành kế hoạch của phường;UBND các xã, phường;Quý I/2027\n"
    path_bytes = csv.encode()
    summary = services.plan_import(
        source=path_bytes,
        filename="kh.csv",
        kind=cchc,
        year=2027,
        issuing_unit=ward.province,
        created_by=ward.focal,
        date=dt.date(2027, 1, 5),
    )
    assignments = Assignment.objects.filter(plan_activity_link__activity__plan=summary.plan)
    assert sorted(a.lead_unit.code for a in assignments) == ["AB", "TD"]
    assert {a.group_id for a in assignments} == {ward.wards.pk}


def test_unknown_lead_unit_imports_nothing_and_names_the_row(ward, cchc):
    csv = (
        "Nội dung nhiệm vụ,Cơ quan chủ trì,Thời hạn\n"
        "Việc một,Phòng Văn hóa - Xã hội,Quý I/2027\n"
        "Việc hai,Phòng Văn hoá Xã hôi ABC,Quý I/2027\n"
        "Việc ba,Sở Không Có,Trước ngày 31/02/2027\n"
    ).encode()
    with pytest.raises(ImportFailed) as caught:
        services.plan_import(
            source=csv,
            filename="kh.csv",
            kind=cchc,
            year=2027,
            issuing_unit=ward.an_binh,
            created_by=ward.leader,
            date=dt.date(2027, 1, 5),
        )
    rows = sorted({e.row for e in caught.value.errors})
    assert rows == [3, 4]
    texts = " ".join(str(e) for e in caught.value.errors)
    assert "Có phải: Phòng Văn hóa - Xã hội" in texts and "31/02/2027" in texts
    assert not Plan.objects.exists() and not Activity.objects.exists() and not Assignment.objects.exists()


def test_import_needs_manage_scope(ward, cchc):
    with pytest.raises(ApplicationError):
        _import(ward, cchc, user=ward.officer)
    with pytest.raises(ApplicationError):
        _import(ward, cchc, unit=ward.tan_dinh, user=ward.leader)
    assert not Plan.objects.exists()


def test_progress_moves_with_reports_and_acceptance(ward, cchc):
    plan = _import(ward, cchc).plan
    progress = selectors.plan_progress(plan, on=dt.date(2027, 1, 2))
    assert (progress.total.total, progress.total.done, progress.total.waiting) == (9, 0, 0)
    assignment = plan.activities.get(order=1).assignments.get()
    report = assignment_services.progress_report_submit(
        assignment=assignment,
        unit=ward.offices["VP"],
        author=ward.officer,
        text="Đã ban hành Kế hoạch kiểm tra số 10/KH-UBND",
        is_final=True,
    )
    progress = selectors.plan_progress(plan, on=dt.date(2027, 1, 2))
    assert progress.total.waiting == 1
    assignment_services.progress_report_accept(report=report, reviewer=ward.leader)
    progress = selectors.plan_progress(plan, on=dt.date(2027, 1, 2))
    assert progress.total.done == 1
    section = next(s for s in progress.sections if s.label.startswith("I."))
    assert (section.total, section.done, section.done_pct) == (3, 1, 33)
    unit = next(u for u in progress.units if u.label == "Văn phòng HĐND và UBND phường")
    assert (unit.total, unit.done) == (3, 1)
    # On 1 October 2027 the open task due 30/09 is overdue.
    later = selectors.plan_progress(plan, on=dt.date(2027, 10, 1))
    assert any(a.content.startswith("Tổ chức kiểm tra") for a in later.overdue)


def test_plan_visible_to_lead_unit_officer_not_to_others(ward, cchc):
    plan = _import(ward, cchc).plan
    assert plan in selectors.plan_list(user=ward.officer)
    assert plan not in selectors.plan_list(user=ward.td_officer)


def test_register_and_reminder(ward, cchc):
    requirement = services.requirement_set(
        kind=cchc,
        year=2027,
        requiring_unit=ward.province,
        group=ward.wards,
        due_date=dt.date(2027, 1, 15),
        by=ward.focal,
    )
    _import(ward, cchc)  # An Bình's plan dated 28/12/2026: on time
    rows = {r.unit.code: r for r in selectors.register_rows(requirement=requirement, on=dt.date(2027, 1, 20))}
    assert rows["AB"].state == "on_time" and rows["AB"].plan.number == "05/KH-UBND"
    assert rows["TD"].state == "missing_overdue" and rows["TD"].plan is None
    sent = services.register_remind(requirement=requirement, by=ward.focal, on=dt.date(2027, 1, 20))
    assert sent == 1
    assert Notification.objects.filter(recipient=ward.td_officer, subject__contains="Quá hạn ban hành").exists()
    # Once a day: the second click sends nothing new.
    assert services.register_remind(requirement=requirement, by=ward.focal, on=dt.date(2027, 1, 20)) == 0
    with pytest.raises(ApplicationError):
        services.register_remind(requirement=requirement, by=ward.officer)
    # Tân Định registers its plan late.
    services.plan_register(
        kind=cchc,
        year=2027,
        issuing_unit=ward.tan_dinh,
        created_by=ward.td_officer,
        date=dt.date(2027, 1, 25),
        number="03/KH-UBND",
    )
    rows = {r.unit.code: r for r in selectors.register_rows(requirement=requirement, on=dt.date(2027, 2, 1))}
    assert rows["TD"].state == "late"


def test_metrics(ward, cchc):
    services.requirement_set(
        kind=cchc,
        year=2027,
        requiring_unit=ward.province,
        group=ward.wards,
        due_date=dt.date(2027, 1, 15),
        by=ward.focal,
    )
    plan = _import(ward, cchc).plan
    start, end = dt.date(2027, 1, 1), dt.date(2027, 12, 31)
    on_time = get_metric("plans.issued_on_time").compute(ward.an_binh, start, end)
    assert (on_time.numerator, on_time.denominator) == (1, 1)
    missing = get_metric("plans.issued_on_time").compute(ward.tan_dinh, start, end)
    assert (missing.numerator, missing.denominator, missing.value) == (0, 1, 0)
    assignment = plan.activities.get(order=1).assignments.get()
    assignment.done_at = timezone.now()
    assignment.save(update_fields=["done_at"])
    completion = get_metric("plans.completion_rate").compute(ward.an_binh, start, end)
    # 9 assignments, one has no deadline ("Thường xuyên"): 8 due in 2027, 1 done.
    assert (completion.numerator, completion.denominator) == (1, 8)


def test_progress_by_top_level_section_with_two_heading_levels(ward, django_assert_max_num_queries):
    from plans.models import PlanKind
    from plans.tests.conftest import FIXTURES

    plan = _import(ward, PlanKind.objects.get(code="cntt"), path=FIXTURES / "ke-hoach-cntt-phuong-2027.docx").plan
    with django_assert_max_num_queries(4):
        progress = selectors.plan_progress(plan, on=dt.date(2027, 1, 2))
    # "Số hóa sổ hộ tịch" has two lead units: 21 assignments, 10 under I. (1. and 2.), 11 under II.
    assert [(s.label, s.total) for s in progress.sections] == [
        ("I. HẠ TẦNG KỸ THUẬT", 10),
        ("II. ỨNG DỤNG VÀ DỊCH VỤ", 11),
    ]


def test_lead_unit_outside_the_importers_scope_is_a_row_error(ward, cchc):
    from organizations.tests.factories import UnitFactory

    UnitFactory(code="P-SNV", short_name="Sở Nội vụ", parent=ward.province)
    csv = (
        "Nội dung nhiệm vụ,Cơ quan chủ trì,Thời hạn\n"
        "Việc của phường,Phòng Văn hóa - Xã hội,Quý I/2027\n"
        "Việc giao lên tỉnh,Sở Nội vụ,Quý I/2027\n"
    ).encode()
    with pytest.raises(ImportFailed) as caught:
        services.plan_import(
            source=csv,
            filename="kh.csv",
            kind=cchc,
            year=2027,
            issuing_unit=ward.an_binh,
            created_by=ward.leader,
            date=dt.date(2027, 1, 5),
        )
    assert [e.row for e in caught.value.errors] == [3]
    assert "ngoài phạm vi" in str(caught.value.errors[0])
    assert not Plan.objects.exists()
