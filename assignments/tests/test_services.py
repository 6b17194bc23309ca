import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from assignments import selectors, services
from assignments.choices import AssignmentStatus, DirectiveStatus, ExtensionDecision, ReviewState
from assignments.models import Assignment, Directive, DirectiveItem, ExtensionRequest, Notification
from assignments.tests.conftest import NOTICE_01
from core.errors import ApplicationError
from organizations.tests.factories import MembershipFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

NOTICE = """THÔNG BÁO KẾT LUẬN
Giao Phòng Nội vụ: Chủ trì, phối hợp với Phòng Tư pháp rà soát quy chế làm việc; hoàn thành trước ngày {date}.
Giao Chủ tịch UBND các xã, thị trấn: Tiếp tục hướng dẫn người dân nộp hồ sơ trực tuyến.
"""


def _status(assignment, on=None):
    return selectors.with_status(Assignment.objects.filter(pk=assignment.pk), on=on).get().status


# --- Status rules (DOMAIN §2) ------------------------------------------------------------------


def test_open_assignment_is_on_track_until_its_deadline_then_overdue(make_assignment, today):
    assignment = make_assignment(deadline=today)
    assert _status(assignment, on=today) == AssignmentStatus.ON_TRACK
    assert _status(assignment, on=today + dt.timedelta(days=1)) == AssignmentStatus.OVERDUE
    assert assignment.compute_status(today + dt.timedelta(days=1)) == AssignmentStatus.OVERDUE


def test_no_deadline_is_in_progress_then_done(make_assignment, final_report, focal_point):
    assignment = make_assignment(deadline=None)
    assert _status(assignment) == AssignmentStatus.IN_PROGRESS
    Assignment.objects.filter(pk=assignment.pk).update(done_at=timezone.now())
    assert _status(assignment) == AssignmentStatus.DONE


def test_done_by_the_deadline_is_on_time_and_after_it_late(make_assignment, today):
    on_time = make_assignment(deadline=today)
    late = make_assignment(deadline=today - dt.timedelta(days=3))
    Assignment.objects.filter(pk__in=[on_time.pk, late.pk]).update(done_at=timezone.now())
    assert _status(on_time) == AssignmentStatus.DONE_ON_TIME
    assert _status(late) == AssignmentStatus.DONE_LATE
    on_time.refresh_from_db()
    assert on_time.compute_status() == AssignmentStatus.DONE_ON_TIME


def test_cancelled_is_cancelled_whatever_the_dates(make_assignment, focal_point, today):
    assignment = make_assignment(deadline=today - dt.timedelta(days=3))
    services.assignment_cancel(assignment=assignment, cancelled_by=focal_point, reason="Trùng nhiệm vụ")
    assert _status(assignment) == AssignmentStatus.CANCELLED


# --- Directives -------------------------------------------------------------------------------


def test_issue_creates_one_assignment_per_lead_unit_and_fans_out_groups(org, focal_point, communes, today):
    c2 = UnitFactory(short_name="UBND xã An Hòa", kind="commune", parent=org.root)
    deadline = today + dt.timedelta(days=20)
    directive = services.directive_create(
        issuing_unit=org.root,
        date=today,
        created_by=focal_point,
        number="12/TB-UBND",
        text=NOTICE.format(date=deadline.strftime("%d/%m/%Y")),
    )
    assert directive.status == DirectiveStatus.DRAFT
    assert directive.items.count() == 2
    created = services.directive_issue(directive=directive, issued_by=focal_point)
    directive.refresh_from_db()
    assert directive.status == DirectiveStatus.ISSUED
    leads = sorted(a.lead_unit.short_name for a in created)
    assert leads == sorted(["Phòng Nội vụ", "UBND xã Tân Phú", c2.short_name])
    first = next(a for a in created if a.lead_unit == org.a)
    assert first.deadline == deadline
    assert list(first.coordinators.all()) == [org.b]
    fanned = [a for a in created if a.group_id]
    assert {a.item_id for a in fanned} == {fanned[0].item_id} and len(fanned) == 2


def test_issue_refuses_unknown_unit_and_past_deadline_and_writes_nothing(org, focal_point, today):
    directive = services.directive_create(
        issuing_unit=org.root, date=today, created_by=focal_point, text=NOTICE.format(date="01/01/2030")
    )
    items = [
        services.ItemInput(content="Làm việc A", recipients=["Phòng Nội vụ"], deadline=today - dt.timedelta(days=1)),
        services.ItemInput(content="Làm việc B", recipients=["Phòng Không Có"]),
    ]
    with pytest.raises(ApplicationError) as exc:
        services.directive_issue(directive=directive, issued_by=focal_point, items=items)
    assert "2 nội dung còn lỗi" in exc.value.message
    assert "đã qua" in exc.value.extra["items"][1][0]
    assert "Không tìm thấy đơn vị «Phòng Không Có»" in exc.value.extra["items"][2][0]
    assert Assignment.objects.count() == 0
    directive.refresh_from_db()
    assert directive.is_draft
    assert directive.items.count() == 2 and "Chủ tịch UBND các xã" in directive.items.last().recipients_text


def test_empty_notice_and_notice_without_items_are_refused(org, focal_point, today):
    for text, message in [("   ", "Văn bản trống"), ("Kính gửi các đơn vị.\nTrân trọng./.", "Không tìm thấy")]:
        with pytest.raises(ApplicationError) as exc:
            services.directive_create(issuing_unit=org.root, date=today, created_by=focal_point, text=text)
        assert message in exc.value.message
    assert Directive.objects.count() == 0 and DirectiveItem.objects.count() == 0


def test_only_the_assigning_side_may_create_directives(org, officer_a, today):
    with pytest.raises(ApplicationError):
        services.directive_create(issuing_unit=org.root, date=today, created_by=officer_a, text=NOTICE)


def test_suggestions_for_a_misspelt_unit(org, focal_point, today):
    from assignments.selectors import name_index_for

    resolved = services.resolve_items(
        [services.ItemInput(content="x", recipients=["Phòng Tư phap huyện"])], index=name_index_for(org.root)
    )
    assert not resolved[0].recipients[0].matched
    assert "Phòng Tư pháp" in resolved[0].errors[0]


def test_shared_sample_parses_with_the_database_names(org, focal_point, communes, today):
    directive = services.directive_create(
        issuing_unit=org.root, date=today, created_by=focal_point, text=NOTICE_01.read_text(encoding="utf-8")
    )
    items = list(directive.items.all())
    assert [i.recipients for i in items][:2] == [["Phòng Tư pháp"], ["Phòng Nội vụ"]]
    assert items[3].kind == "request"


# --- Reports and reviews -------------------------------------------------------------------------


def test_lead_reports_progress_and_assigning_side_accepts(make_assignment, org, officer_a, focal_point):
    assignment = make_assignment()
    services.progress_report_submit(assignment=assignment, unit=org.a, author=officer_a, text="Đang làm", percent=40)
    final = services.progress_report_submit(
        assignment=assignment, unit=org.a, author=officer_a, text="Xong", is_final=True
    )
    assert final.review_state == ReviewState.SUBMITTED and final.percent == 100
    assert Notification.objects.filter(recipient=focal_point, kind="report_submitted").exists()
    services.progress_report_accept(report=final, reviewer=focal_point)
    assert _status(assignment) == AssignmentStatus.DONE_ON_TIME
    assert Notification.objects.filter(recipient=officer_a, kind="report_reviewed").exists()


def test_returned_report_leaves_assignment_open(final_report, focal_point):
    with pytest.raises(ApplicationError):
        services.progress_report_return(report=final_report, reviewer=focal_point, note="  ")
    services.progress_report_return(report=final_report, reviewer=focal_point, note="Thiếu số liệu")
    assert _status(final_report.assignment) == AssignmentStatus.ON_TRACK
    final_report.refresh_from_db()
    assert final_report.review_state == ReviewState.RETURNED


def test_a_report_cannot_be_reviewed_twice(final_report, focal_point, leader_root):
    services.progress_report_accept(report=final_report, reviewer=focal_point)
    with pytest.raises(ApplicationError, match="người khác xử lý"):
        services.progress_report_return(report=final_report, reviewer=leader_root, note="Trả lại")
    final_report.refresh_from_db()
    assert final_report.review_state == ReviewState.ACCEPTED and final_report.reviewed_by == focal_point


def test_the_unit_cannot_accept_its_own_report(final_report, officer_a):
    with pytest.raises(ApplicationError):
        services.progress_report_accept(report=final_report, reviewer=officer_a)


def test_coordinator_contributes_but_cannot_submit_the_final_report(make_assignment, org, officer_b):
    assignment = make_assignment(coordinators=[org.b])
    report = services.progress_report_submit(assignment=assignment, unit=org.b, author=officer_b, text="Phần việc")
    assert report.review_state == ""
    with pytest.raises(ApplicationError, match="Chỉ đơn vị chủ trì"):
        services.progress_report_submit(assignment=assignment, unit=org.b, author=officer_b, text="Xong", is_final=True)


def test_unrelated_unit_cannot_report(make_assignment, org, officer_b):
    with pytest.raises(ApplicationError):
        services.progress_report_submit(assignment=make_assignment(), unit=org.b, author=officer_b, text="x")


@override_settings(ASSIGNMENT_REQUIRE_EXPLANATION_LATE=True)
def test_late_work_needs_an_explanation(make_assignment, org, officer_a, focal_point, today):
    assignment = make_assignment(deadline=today - dt.timedelta(days=2))
    with pytest.raises(ApplicationError, match="giải trình"):
        services.progress_report_submit(assignment=assignment, unit=org.a, author=officer_a, text="Xong", is_final=True)
    report = services.progress_report_submit(
        assignment=assignment, unit=org.a, author=officer_a, text="Xong", is_final=True, explanation="Chờ số liệu"
    )
    services.progress_report_accept(report=report, reviewer=focal_point)
    assert _status(assignment) == AssignmentStatus.DONE_LATE


@override_settings(ASSIGNMENT_REQUIRE_EXPLANATION_LATE=False)
def test_explanation_rule_can_be_switched_off(make_assignment, org, officer_a, today):
    assignment = make_assignment(deadline=today - dt.timedelta(days=2))
    services.progress_report_submit(assignment=assignment, unit=org.a, author=officer_a, text="Xong", is_final=True)


def test_focal_point_reports_for_a_unit_without_accounts(org, focal_point, make_assignment):
    post = UnitFactory(short_name="Bưu điện huyện", kind="partner", parent=org.root)
    assignment = make_assignment(post)
    assert services.units_without_accounts([post.pk]) == {post.pk}
    report = services.progress_report_submit(
        assignment=assignment, unit=post, author=focal_point, text="Bưu điện báo cáo qua điện thoại", is_final=True
    )
    services.progress_report_accept(report=report, reviewer=focal_point)
    assert _status(assignment) == AssignmentStatus.DONE_ON_TIME


def test_attachment_over_the_limit_or_of_a_forbidden_type_writes_nothing(make_assignment, org, officer_a, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.UPLOAD_MAX_MB = 1
    assignment = make_assignment()
    big = SimpleUploadedFile("bao-cao.pdf", b"x" * (1024 * 1024 + 1), content_type="application/pdf")
    exe = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    for upload, message in [(big, "quá lớn"), (exe, "không được phép")]:
        with pytest.raises(ApplicationError, match=message):
            services.progress_report_submit(
                assignment=assignment, unit=org.a, author=officer_a, text="x", files=[upload]
            )
    assert not assignment.reports.exists()


# --- Extensions ------------------------------------------------------------------------------------


def test_approved_extension_moves_the_deadline_and_stays_as_history(
    make_assignment, org, officer_a, focal_point, today
):
    assignment = make_assignment(deadline=today + dt.timedelta(days=2))
    new_date = today + dt.timedelta(days=30)
    extension = services.extension_request_create(
        assignment=assignment, unit=org.a, requested_by=officer_a, requested_deadline=new_date, reason="Chờ ý kiến sở"
    )
    services.extension_approve(extension=extension, decided_by=focal_point)
    assignment.refresh_from_db()
    assert assignment.deadline == new_date and assignment.original_deadline == today + dt.timedelta(days=2)
    assert ExtensionRequest.objects.get().previous_deadline == today + dt.timedelta(days=2)


def test_extension_limit_is_a_setting(make_assignment, org, officer_a, focal_point, today, settings):
    settings.ASSIGNMENT_MAX_EXTENSIONS = 1
    assignment = make_assignment(deadline=today + dt.timedelta(days=2))
    first = services.extension_request_create(
        assignment=assignment,
        unit=org.a,
        requested_by=officer_a,
        requested_deadline=today + dt.timedelta(days=9),
        reason="a",
    )
    services.extension_approve(extension=first, decided_by=focal_point)
    with pytest.raises(ApplicationError, match="tối đa 1 lần"):
        services.extension_request_create(
            assignment=assignment,
            unit=org.a,
            requested_by=officer_a,
            requested_deadline=today + dt.timedelta(days=20),
            reason="b",
        )
    settings.ASSIGNMENT_MAX_EXTENSIONS = 2
    second = services.extension_request_create(
        assignment=assignment,
        unit=org.a,
        requested_by=officer_a,
        requested_deadline=today + dt.timedelta(days=20),
        reason="b",
    )
    second = services.extension_refuse(extension=second, decided_by=focal_point, note="Không có lý do chính đáng")
    assignment.refresh_from_db()
    assert assignment.deadline == today + dt.timedelta(days=9)
    assert second.decision == ExtensionDecision.REFUSED


def test_extension_to_an_earlier_date_is_refused(make_assignment, org, officer_a, today):
    assignment = make_assignment(deadline=today + dt.timedelta(days=5))
    with pytest.raises(ApplicationError, match="phải sau thời hạn hiện tại"):
        services.extension_request_create(
            assignment=assignment, unit=org.a, requested_by=officer_a, requested_deadline=today, reason="x"
        )


def test_reassign_moves_the_lead_unit(make_assignment, org, focal_point):
    assignment = make_assignment()
    services.assignment_reassign(assignment=assignment, lead_unit=org.b, by=focal_point)
    assignment.refresh_from_db()
    assert assignment.lead_unit == org.b and "phong tu phap" in assignment.search


# --- Contracts for the other apps -------------------------------------------------------------------


def test_assignments_completed_lists_accepted_work_in_the_period(final_report, focal_point, org, today):
    services.progress_report_accept(report=final_report, reviewer=focal_point)
    found = selectors.assignments_completed(unit_ids=[org.a.pk], start=today, end=today)
    assert list(found) == [final_report.assignment]
    assert not selectors.assignments_completed(unit_ids=[org.b.pk], start=today, end=today).exists()
    yesterday = today - dt.timedelta(days=1)
    assert not selectors.assignments_completed(unit_ids=[org.a.pk], start=yesterday, end=yesterday).exists()


def test_on_time_rate_metric_counts_the_subtree(make_assignment, org, officer_a, focal_point, today):
    from core.metrics import get_metric

    done = make_assignment(deadline=today + dt.timedelta(days=1))
    make_assignment(org.c, deadline=today + dt.timedelta(days=2))
    make_assignment(org.x, deadline=today + dt.timedelta(days=2))  # another tree
    report = services.progress_report_submit(assignment=done, unit=org.a, author=officer_a, text="x", is_final=True)
    services.progress_report_accept(report=report, reviewer=focal_point)
    value = get_metric("assignments.on_time_rate").compute(org.root, today, today + dt.timedelta(days=5))
    assert (value.numerator, value.denominator) == (1, 2)
    assert str(value.value) == "0.5000"
    assert value.detail["on_time_ids"] == [done.pk]


def test_visibility_follows_the_permission_rule(make_assignment, org, officer_a, officer_b, outsider, focal_point):
    mine = make_assignment(org.a)
    coordinated = make_assignment(org.c, coordinators=[org.b])
    assert set(Assignment.objects.visible_to(officer_a)) == {mine}
    assert set(Assignment.objects.visible_to(officer_b)) == {coordinated}
    assert set(Assignment.objects.visible_to(focal_point)) == {mine, coordinated}
    assert not Assignment.objects.visible_to(outsider).exists()
    assert set(Assignment.objects.visible_to(officer_a, "manage")) == set()


def test_leader_of_a_commune_sees_its_work(make_assignment, org):
    leader = UserFactory(username="leader_c")
    MembershipFactory(user=leader, unit=org.c, role="leader")
    theirs = make_assignment(org.c)
    make_assignment(org.a)
    assert list(Assignment.objects.visible_to(leader)) == [theirs]
