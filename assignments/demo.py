"""Demo data: one issued conclusion notice of huyện Châu Thành (the shared sample 01) with some progress,
an overdue item, a pending extension, an accepted report and a report the focal point sent for the post
office. Idempotent (keyed by the directive's number); deadlines are set relative to today.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from assignments import services
from assignments.models import Assignment, Directive
from organizations.models import Unit

NUMBER = "245/TB-UBND"
SAMPLE = Path(__file__).parent / "demo_data" / "01-huyen-cchc-quy-iii.txt"


@transaction.atomic
def load_demo() -> None:
    district = Unit.objects.filter(code="CT").first()
    if district is None or Directive.objects.filter(issuing_unit=district, number=NUMBER).exists():
        return
    users = get_user_model().objects.in_bulk(
        ["daumoi.noivu", "chuyenvien.tuphap", "canbo.tanphu", "lanhdao.noivu"], field_name="username"
    )
    focal = users["daumoi.noivu"]
    today = timezone.localdate()
    text = SAMPLE.read_text(encoding="utf-8")
    parsed = services.parse_notice(text=text, issuing_unit=district)
    # The reviewer's edits: deadlines of this year's cycle, and the one-stop counters of the communes
    # (not a unit of their own) replaced by the communes' committees.
    parsed[0].deadline = today + dt.timedelta(days=20)
    parsed[1].deadline = today + dt.timedelta(days=1)
    parsed[2].deadline = today + dt.timedelta(days=60)
    parsed[3].coordinators = ["UBND các xã, thị trấn"]
    directive = services.directive_create(
        issuing_unit=district,
        date=today - dt.timedelta(days=30),
        created_by=focal,
        text=text,
        number=NUMBER,
        title="Kết luận của Chủ tịch UBND huyện tại cuộc họp kiểm tra tiến độ cải cách hành chính",
        signer="Nguyễn Văn Hùng",
        meeting_date=today - dt.timedelta(days=32),
        meeting_chair="Chủ tịch UBND huyện",
        items=parsed,
    )
    created = services.directive_issue(directive=directive, issued_by=focal)
    by_unit = {a.lead_unit.code: a for a in created}

    justice = by_unit["CT-TP"]
    services.progress_report_submit(
        assignment=justice,
        unit=justice.lead_unit,
        author=users["chuyenvien.tuphap"],
        text="Đã rà soát 42/65 thủ tục hành chính thuộc lĩnh vực tư pháp; đang lấy ý kiến Văn phòng.",
        percent=60,
    )
    services.extension_request_create(
        assignment=justice,
        unit=justice.lead_unit,
        requested_by=users["chuyenvien.tuphap"],
        requested_deadline=today + dt.timedelta(days=35),
        reason="Chờ Sở Tư pháp công bố bộ thủ tục mới.",
    )

    # Phòng Nội vụ's task is overdue: its deadline passed a week ago (demo back-dating).
    home = by_unit["CT-NV"]
    Assignment.objects.filter(pk=home.pk).update(
        deadline=today - dt.timedelta(days=7), original_deadline=today - dt.timedelta(days=7)
    )
    services.progress_report_submit(
        assignment=home,
        unit=home.lead_unit,
        author=users["lanhdao.noivu"],
        text="Đã tổng hợp tài liệu kiểm chứng của 6/9 lĩnh vực.",
        percent=70,
    )

    tanphu = by_unit.get("CT-TANPHU")
    if tanphu:
        final = services.progress_report_submit(
            assignment=tanphu,
            unit=tanphu.lead_unit,
            author=users["canbo.tanphu"],
            text="Tỷ lệ hồ sơ trực tuyến đạt 64% trong quý.",
            is_final=True,
        )
        services.progress_report_accept(report=final, reviewer=focal, note="Đạt yêu cầu.")

    post = by_unit.get("CT-BD")
    if post:  # the post office has no accounts: the focal point reports for it
        services.progress_report_submit(
            assignment=post,
            unit=post.lead_unit,
            author=focal,
            text="Bưu điện báo cáo qua điện thoại: đã bố trí nhân viên thu gom hồ sơ tại 8/9 xã.",
            percent=80,
        )


@transaction.atomic
def remove_demo() -> int:
    """Delete the demo directive, its assignments (with their reports, extensions and notices); nothing else."""
    removed = 0
    for directive in Directive.objects.filter(issuing_unit__code="CT", number=NUMBER):
        meeting = directive.meeting
        removed += Assignment.objects.filter(item__directive=directive).delete()[0]
        removed += directive.delete()[0]
        if meeting is not None and not meeting.directives.exists():
            removed += meeting.delete()[0]
    return removed
