"""Plans (kế hoạch): kinds as data, the year's requirement for units' own plans, plans with their
numbered sections and task rows (activities). Each activity becomes one assignment per lead unit through
`assignments.services`; `ActivityAssignment` keeps the link on this side (arrows point down)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class PlanKind(models.Model):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên loại kế hoạch"), max_length=200)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("loại kế hoạch")
        verbose_name_plural = _("loại kế hoạch")

    def __str__(self) -> str:
        return self.name


class PlanRequirement(TimeStampedModel):
    """For a kind and year: which units must issue their own plan (a group's members) and by when."""

    kind = models.ForeignKey(PlanKind, on_delete=models.PROTECT, related_name="requirements", verbose_name=_("loại"))
    year = models.PositiveSmallIntegerField(_("năm"))
    requiring_unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan yêu cầu")
    )
    group = models.ForeignKey(
        "organizations.UnitGroup",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("các đơn vị phải ban hành"),
    )
    due_date = models.DateField(_("hạn ban hành"))
    parent_plan = models.ForeignKey(
        "Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requirements",
        verbose_name=_("kế hoạch cấp trên"),
    )

    class Meta:
        ordering = ["-year", "kind__order"]
        verbose_name = _("yêu cầu ban hành kế hoạch")
        verbose_name_plural = _("yêu cầu ban hành kế hoạch")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "requiring_unit"], name="plan_requirement_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year} ({self.due_date:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("plans:register", args=[self.pk])


class Plan(TimeStampedModel):
    kind = models.ForeignKey(PlanKind, on_delete=models.PROTECT, related_name="plans", verbose_name=_("loại"))
    year = models.PositiveSmallIntegerField(_("năm"))
    issuing_unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, related_name="plans", verbose_name=_("cơ quan ban hành")
    )
    number = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    date = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    signer = models.CharField(_("người ký"), max_length=200, blank=True)
    file = models.FileField(_("tệp văn bản"), upload_to="plans/%Y/", blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("thực hiện kế hoạch cấp trên"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người nhập")
    )

    class Meta:
        ordering = ["-year", "-date", "-pk"]
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        indexes = [models.Index(fields=["kind", "year", "issuing_unit"])]

    def __str__(self) -> str:
        label = self.number or self.title or str(self.kind)
        return f"{label} ({self.date:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_detail", args=[self.pk])


class PlanSection(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections", verbose_name=_("kế hoạch"))
    order = models.PositiveIntegerField(_("thứ tự"))
    level = models.PositiveSmallIntegerField(_("cấp mục"), default=1)
    title = models.CharField(_("tên mục"), max_length=500)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("mục cha")
    )

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("mục kế hoạch")
        verbose_name_plural = _("mục kế hoạch")
        constraints = [models.UniqueConstraint(fields=["plan", "order"], name="plan_section_order_unique")]

    def __str__(self) -> str:
        return self.title


class Activity(models.Model):
    """One row of the plan's task table (nội dung, nhiệm vụ của kế hoạch)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities", verbose_name=_("kế hoạch"))
    section = models.ForeignKey(
        PlanSection,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("mục"),
    )
    order = models.PositiveIntegerField(_("thứ tự"))
    number = models.CharField(_("STT"), max_length=20, blank=True)
    content = models.TextField(_("nội dung nhiệm vụ"))
    leads_text = models.TextField(_("cơ quan chủ trì (như văn bản ghi)"))
    coordinators_text = models.TextField(_("cơ quan phối hợp (như văn bản ghi)"), blank=True)
    deadline_text = models.CharField(_("thời gian hoàn thành (như văn bản ghi)"), max_length=200, blank=True)
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    output = models.TextField(_("sản phẩm"), blank=True)
    assignments = models.ManyToManyField(
        "assignments.Assignment",
        through="ActivityAssignment",
        related_name="+",
        verbose_name=_("nhiệm vụ được giao"),
    )

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("nhiệm vụ của kế hoạch")
        verbose_name_plural = _("nhiệm vụ của kế hoạch")
        constraints = [models.UniqueConstraint(fields=["plan", "order"], name="activity_order_unique")]

    def __str__(self) -> str:
        return f"{self.number or self.order}. {self.content[:80]}"

    @property
    def leads(self) -> list[str]:
        return [line for line in self.leads_text.splitlines() if line.strip()]

    @property
    def coordinators(self) -> list[str]:
        return [line for line in self.coordinators_text.splitlines() if line.strip()]


class ActivityAssignment(models.Model):
    """The assignment one lead unit received for an activity (the source link lives here, in plans)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="links")
    assignment = models.OneToOneField(
        "assignments.Assignment", on_delete=models.CASCADE, related_name="plan_activity_link"
    )

    class Meta:
        verbose_name = _("nhiệm vụ giao từ kế hoạch")
        verbose_name_plural = _("nhiệm vụ giao từ kế hoạch")
