"""Directives (conclusion notices), their items, the assignments issued from them, progress reports,
extensions and notifications. Statuses follow from dates and are computed (see `selectors`), never stored.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assignments.choices import (
    STATUS_COLOURS,
    AssignmentStatus,
    DirectiveStatus,
    ExtensionDecision,
    ItemKind,
    NotificationKind,
    ReviewState,
)
from core.links import reverse_pk
from core.models import TimeStampedModel


class Meeting(TimeStampedModel):
    date = models.DateField(_("ngày họp"))
    chair = models.CharField(_("người chủ trì"), max_length=200, blank=True)
    subject = models.CharField(_("nội dung cuộc họp"), max_length=500, blank=True)
    attending_units = models.ManyToManyField(
        "organizations.Unit", blank=True, related_name="+", verbose_name=_("đơn vị dự họp")
    )

    class Meta:
        ordering = ["-date"]
        verbose_name = _("cuộc họp")
        verbose_name_plural = _("cuộc họp")

    def __str__(self) -> str:
        return f"{self.subject or _('Cuộc họp')} ({self.date:%d/%m/%Y})"


class Directive(TimeStampedModel):
    """A conclusion notice (thông báo kết luận) or other directive whose items become assignments."""

    number = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    date = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    signer = models.CharField(_("người ký"), max_length=200, blank=True)
    issuing_unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, related_name="directives", verbose_name=_("cơ quan ban hành")
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="directives", verbose_name=_("cuộc họp")
    )
    source_text = models.TextField(_("nội dung văn bản"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=DirectiveStatus.choices, default=DirectiveStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người nhập")
    )
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Shown on the public site (portal): each item's status, lead unit and deadline, nothing else.
    is_public = models.BooleanField(
        _("công khai tiến độ"),
        default=False,
        help_text=_("Tiến độ các nhiệm vụ được đăng trên trang công khai (không có ghi chú, tệp, người thực hiện)."),
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("văn bản chỉ đạo")
        verbose_name_plural = _("văn bản chỉ đạo")

    def __str__(self) -> str:
        label = self.number or self.title or _("Văn bản")
        return f"{label} ({self.date:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse_pk("assignments:directive_detail", self.pk)  # one per row of long lists

    @property
    def is_draft(self) -> bool:
        return self.status == DirectiveStatus.DRAFT


class DirectiveItem(models.Model):
    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="items", verbose_name=_("văn bản"))
    order = models.PositiveIntegerField(_("thứ tự"))
    kind = models.CharField(_("loại"), max_length=10, choices=ItemKind.choices, default=ItemKind.ASSIGN)
    raw_text = models.TextField(_("nội dung gốc"))
    content = models.TextField(_("nội dung nhiệm vụ"), blank=True)
    recipients_text = models.TextField(_("đơn vị chủ trì (như văn bản ghi)"), blank=True)
    coordinators_text = models.TextField(_("đơn vị phối hợp (như văn bản ghi)"), blank=True)
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    # Why the reader found this item: {"sentence": …, "spans": [[role, start, end], …], "rule": …}
    why = models.JSONField(_("căn cứ nhận diện"), default=dict, blank=True)

    class Meta:
        ordering = ["directive", "order"]
        verbose_name = _("nội dung chỉ đạo")
        verbose_name_plural = _("nội dung chỉ đạo")
        constraints = [models.UniqueConstraint(fields=["directive", "order"], name="directive_item_order_unique")]

    def __str__(self) -> str:
        return f"{self.order}. {self.content[:80] or self.raw_text[:80]}"

    @property
    def recipients(self) -> list[str]:
        return [line.strip() for line in self.recipients_text.splitlines() if line.strip()]

    @property
    def coordinators(self) -> list[str]:
        return [line.strip() for line in self.coordinators_text.splitlines() if line.strip()]


class AssignmentQuerySet(models.QuerySet):
    def visible_to(self, user, action: str = "view"):
        """The permission rule for assignments (organizations.permissions):

        - view: the lead or a coordinating unit is in the user's view scope, or the user manages the
          assigning unit;
        - change (report, ask for an extension): the lead or a coordinating unit is in the change scope;
        - manage (accept, return, decide extensions, cancel): the assigning unit is in the manage scope.
        """
        from organizations.permissions import unit_ids

        manage = unit_ids(user, "manage")
        if action == "manage":
            return self if manage is None else self.filter(assigning_unit__in=manage)
        units = unit_ids(user, "change" if action == "change" else "view")
        if units is None:
            return self
        coordinated = Assignment.coordinators.through.objects.filter(unit_id__in=units).values("assignment_id")
        condition = Q(lead_unit__in=units) | Q(pk__in=coordinated)
        if action == "view":
            condition |= Q(assigning_unit__in=manage)
        return self.filter(condition)


class Assignment(TimeStampedModel):
    """One unit's task (nhiệm vụ được giao) from a directive item or another source."""

    item = models.ForeignKey(
        DirectiveItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("nội dung chỉ đạo"),
    )
    source_label = models.CharField(_("nguồn giao"), max_length=300, blank=True)
    assigning_unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, related_name="assignments_given", verbose_name=_("đơn vị giao")
    )
    lead_unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, related_name="assignments_led", verbose_name=_("đơn vị chủ trì")
    )
    coordinators = models.ManyToManyField(
        "organizations.Unit", blank=True, related_name="assignments_coordinated", verbose_name=_("đơn vị phối hợp")
    )
    group = models.ForeignKey(
        "organizations.UnitGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("giao theo nhóm"),
    )
    kind = models.CharField(_("loại"), max_length=10, choices=ItemKind.choices, default=ItemKind.ASSIGN)
    content = models.TextField(_("nội dung"))
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    original_deadline = models.DateField(_("thời hạn ban đầu"), null=True, blank=True, editable=False)
    done_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True, editable=False)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người giao")
    )
    search = models.TextField(editable=False, blank=True)  # normalised text for diacritic-free search

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        indexes = [models.Index(fields=["lead_unit", "deadline"]), models.Index(fields=["assigning_unit"])]

    def __str__(self) -> str:
        return f"{self.lead_unit}: {self.content[:80]}"

    def get_absolute_url(self) -> str:
        return reverse_pk("assignments:assignment_detail", self.pk)  # one per row of long lists

    @property
    def done_on(self) -> dt.date | None:
        return timezone.localdate(self.done_at) if self.done_at else None

    def compute_status(self, on: dt.date | None = None) -> AssignmentStatus:
        """DOMAIN §2; the same rule as `selectors.with_status` in SQL."""
        on = on or timezone.localdate()
        if self.cancelled_at:
            return AssignmentStatus.CANCELLED
        if self.done_at:
            if self.deadline is None:
                return AssignmentStatus.DONE
            return AssignmentStatus.DONE_ON_TIME if self.done_on <= self.deadline else AssignmentStatus.DONE_LATE
        if self.deadline is None:
            return AssignmentStatus.IN_PROGRESS
        return AssignmentStatus.ON_TRACK if on <= self.deadline else AssignmentStatus.OVERDUE

    @property
    def status(self) -> AssignmentStatus:
        annotated = getattr(self, "status_code", None)
        return AssignmentStatus(annotated) if annotated else self.compute_status()

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS[self.status]

    @property
    def is_open(self) -> bool:
        return not self.done_at and not self.cancelled_at

    @property
    def days_late(self) -> int:
        if not self.deadline:
            return 0
        end = self.done_on or timezone.localdate()
        return max(0, (end - self.deadline).days)


class ProgressReport(TimeStampedModel):
    """A unit's update on an assignment; the lead unit's final report is reviewed by the assigning side."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("nhiệm vụ")
    )
    unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị báo cáo")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người báo cáo")
    )
    text = models.TextField(_("nội dung"))
    percent = models.PositiveSmallIntegerField(
        _("tỷ lệ hoàn thành (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    is_final = models.BooleanField(_("báo cáo hoàn thành"), default=False)
    explanation = models.TextField(_("giải trình"), blank=True)
    review_state = models.CharField(
        _("trạng thái duyệt"), max_length=10, choices=ReviewState.choices, default=ReviewState.NONE, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    review_note = models.TextField(_("ý kiến của bên giao"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="progress_percent_max_100"),
            # A final report is the one that is reviewed; updates have no review state.
            models.CheckConstraint(condition=Q(is_final=True) | Q(review_state=""), name="progress_review_only_final"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.percent}% ({self.created_at:%d/%m/%Y})" if self.created_at else str(self.unit)


def _attachment_path(instance: Attachment, filename: str) -> str:
    # A random name on disk; the user's file name is kept in `name` for display and download.
    from core.files import storage_name

    return storage_name(f"assignments/{timezone.localdate():%Y/%m}", filename)


class Attachment(TimeStampedModel):
    """A file of a progress report; served only through a permission-checked view."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("báo cáo")
    )
    file = models.FileField(_("tệp"), upload_to=_attachment_path, max_length=300)
    name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng"), default=0)
    content_type = models.CharField(max_length=100, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["pk"]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assignments:attachment_download", args=[self.pk])


class ExtensionRequest(TimeStampedModel):
    """A new deadline asked for; approved ones move the assignment's deadline and stay as history."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("nhiệm vụ")
    )
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người đề nghị")
    )
    reason = models.TextField(_("lý do"))
    previous_deadline = models.DateField(_("thời hạn cũ"), null=True, blank=True)
    requested_deadline = models.DateField(_("thời hạn đề nghị"))
    decision = models.CharField(
        _("quyết định"), max_length=10, choices=ExtensionDecision.choices, default=ExtensionDecision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("đề nghị gia hạn")
        verbose_name_plural = _("đề nghị gia hạn")

    def __str__(self) -> str:
        return f"{self.assignment_id}: {self.requested_deadline:%d/%m/%Y} ({self.get_decision_display()})"


class Notification(models.Model):
    """An in-app notice (and e-mail) to one user. `key` makes each reminder unique per user:
    kind, assignment and reference date — nobody gets the same reminder twice."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("người nhận")
    )
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    kind = models.CharField(_("loại"), max_length=30, choices=NotificationKind.choices)
    reference_date = models.DateField(_("ngày tham chiếu"))
    key = models.CharField(max_length=120)
    subject = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đọc lúc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("gửi thư lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key")]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.subject
