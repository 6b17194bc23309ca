"""A unit's quality management system under TCVN ISO 9001:2015 (QĐ 19/2014/QĐ-TTg, model 101/QĐ-BKHCN)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from onestop.models import Procedure
from organizations.models import Unit
from quality.choices import ReviewKind


def quality_file_path(instance, filename: str) -> str:
    # Never guessable, never the uploader's name; served only through quality.views.file_download.
    suffix = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"quality/{uuid.uuid4().hex}.{suffix}"


class QualityRule(models.Model):
    """How often internal audits and management reviews are expected: data with an effective date."""

    effective_from = models.DateField(_("áp dụng từ"), unique=True)
    audit_max_months = models.PositiveSmallIntegerField(
        _("số tháng tối đa giữa hai lần đánh giá nội bộ / xem xét của lãnh đạo"), default=12
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300, blank=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("quy định về hệ thống ISO")
        verbose_name_plural = _("quy định về hệ thống ISO")

    def __str__(self) -> str:
        return f"{self.effective_from:%d/%m/%Y} – {self.legal_basis}"


class QualitySystem(TimeStampedModel):
    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="quality_system", verbose_name=_("đơn vị"))
    host = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sharing",
        verbose_name=_("dùng chung hệ thống của"),
        help_text=_("Để trống nếu đơn vị tự xây dựng hệ thống"),
    )
    scope = models.ManyToManyField(Procedure, blank=True, related_name="quality_systems", verbose_name=_("phạm vi"))
    announcement_number = models.CharField(_("số quyết định công bố"), max_length=100, blank=True)
    announcement_date = models.DateField(_("ngày công bố"), null=True, blank=True)
    announcement_file = models.FileField(_("tệp quyết định công bố"), upload_to=quality_file_path, blank=True)

    class Meta:
        ordering = ["unit__short_name"]
        verbose_name = _("hệ thống quản lý chất lượng")
        verbose_name_plural = _("hệ thống quản lý chất lượng")

    def __str__(self) -> str:
        return str(self.unit)

    @property
    def effective(self) -> "QualitySystem":
        return self.host or self


class QualityDocument(TimeStampedModel):
    system = models.ForeignKey(
        QualitySystem, on_delete=models.CASCADE, related_name="documents", verbose_name=_("hệ thống")
    )
    code = models.CharField(_("mã quy trình"), max_length=50)
    title = models.CharField(_("tên quy trình"), max_length=500)
    version = models.CharField(_("lần ban hành"), max_length=20, blank=True)
    issued_on = models.DateField(_("ngày ban hành"))
    file = models.FileField(_("tệp"), upload_to=quality_file_path, blank=True)
    procedures = models.ManyToManyField(
        Procedure, blank=True, related_name="quality_documents", verbose_name=_("TTHC thực hiện")
    )

    class Meta:
        ordering = ["system", "code"]
        verbose_name = _("quy trình ISO")
        verbose_name_plural = _("quy trình ISO")
        constraints = [models.UniqueConstraint(fields=["system", "code"], name="quality_document_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"


class QualityReview(TimeStampedModel):
    """An internal audit or a management review, with its report."""

    system = models.ForeignKey(
        QualitySystem, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("hệ thống")
    )
    kind = models.CharField(_("loại"), max_length=20, choices=ReviewKind.choices)
    held_on = models.DateField(_("ngày thực hiện"))
    findings = models.TextField(_("phát hiện, kết luận"), blank=True)
    report_file = models.FileField(_("tệp báo cáo"), upload_to=quality_file_path, blank=True)

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("đánh giá nội bộ, xem xét của lãnh đạo")
        verbose_name_plural = _("đánh giá nội bộ, xem xét của lãnh đạo")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d/%m/%Y}"


class CorrectiveAction(models.Model):
    """A corrective action from a review, tracked as an assignment (owner = lead unit, deadline)."""

    review = models.ForeignKey(
        QualityReview, on_delete=models.CASCADE, related_name="actions", verbose_name=_("lần đánh giá")
    )
    assignment = models.OneToOneField(
        "assignments.Assignment", on_delete=models.CASCADE, related_name="+", verbose_name=_("nhiệm vụ")
    )

    class Meta:
        verbose_name = _("hành động khắc phục")
        verbose_name_plural = _("hành động khắc phục")

    def __str__(self) -> str:
        return str(self.assignment)


class LegalUpdate(TimeStampedModel):
    """A new legal text noted in the system's log, and what was done about it."""

    system = models.ForeignKey(
        QualitySystem, on_delete=models.CASCADE, related_name="legal_updates", verbose_name=_("hệ thống")
    )
    document_number = models.CharField(_("số, ký hiệu văn bản"), max_length=100)
    document_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    summary = models.CharField(_("trích yếu"), max_length=500)
    noted_on = models.DateField(_("ngày cập nhật vào hệ thống"))
    action = models.TextField(_("việc đã làm"), blank=True)

    class Meta:
        ordering = ["-noted_on"]
        verbose_name = _("cập nhật văn bản pháp luật")
        verbose_name_plural = _("cập nhật văn bản pháp luật")

    def __str__(self) -> str:
        return self.document_number
