"""Records work per unit and year (Decree 30/2020/NĐ-CP, the Archives Law): file lists, work files and their
deposit to the agency archive, backlog archives measured in shelf metres and their sorting."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from organizations.models import Unit


def records_file_path(instance, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"records/{uuid.uuid4().hex}.{suffix}"


class DepositRule(models.Model):
    """How long after the work ends a file must be deposited: law-dependent, so data with an effective date.
    The rule in force on the day the work ended applies."""

    class CountedFrom(models.TextChoices):
        END_DATE = "end_date", _("kể từ ngày công việc kết thúc")
        END_YEAR = "end_year", _("tính từ năm kết thúc công việc (hết ngày 31/12 của năm đó)")

    effective_from = models.DateField(_("áp dụng từ"), unique=True)
    months_after_end = models.PositiveSmallIntegerField(_("thời hạn (số tháng)"), default=12)
    counted_from = models.CharField(
        _("tính từ"), max_length=10, choices=CountedFrom.choices, default=CountedFrom.END_DATE
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("quy định thời hạn nộp lưu")
        verbose_name_plural = _("quy định thời hạn nộp lưu")

    def __str__(self) -> str:
        return f"{self.effective_from:%d/%m/%Y} – {self.legal_basis}"


class FileList(TimeStampedModel):
    """The year's file list (danh mục hồ sơ), approved at the start of the year."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="file_lists", verbose_name=_("đơn vị"))
    year = models.PositiveSmallIntegerField(_("năm"))
    decision_number = models.CharField(_("số quyết định ban hành"), max_length=100, blank=True)
    approved_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    file = models.FileField(_("tệp"), upload_to=records_file_path, blank=True)

    class Meta:
        ordering = ["-year", "unit__short_name"]
        verbose_name = _("danh mục hồ sơ")
        verbose_name_plural = _("danh mục hồ sơ")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="records_file_list_unique")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class WorkFile(TimeStampedModel):
    """A work file (hồ sơ công việc): opened, closed when the work ends, deposited to the agency archive."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="work_files", verbose_name=_("đơn vị"))
    year = models.PositiveSmallIntegerField(_("năm"))
    code = models.CharField(_("số, ký hiệu hồ sơ"), max_length=100)
    title = models.CharField(_("tiêu đề hồ sơ"), max_length=1000)
    retention = models.CharField(_("thời hạn bảo quản"), max_length=50, blank=True)
    started_on = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    ended_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    deposited_on = models.DateField(_("ngày nộp lưu"), null=True, blank=True)

    class Meta:
        ordering = ["unit__short_name", "year", "code"]
        verbose_name = _("hồ sơ công việc")
        verbose_name_plural = _("hồ sơ công việc")
        constraints = [models.UniqueConstraint(fields=["unit", "year", "code"], name="records_work_file_unique")]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"


class WorkFileCount(TimeStampedModel):
    """A unit's work files for a year as counts, for a unit that reports numbers instead of a list. When the unit
    has a list of work files for the year, the list is used and these counts are not."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="work_file_counts", verbose_name=_("đơn vị"))
    year = models.PositiveSmallIntegerField(_("năm"))
    opened = models.PositiveIntegerField(_("số hồ sơ đã mở"), default=0)
    closed = models.PositiveIntegerField(_("số hồ sơ đã kết thúc"), default=0)
    due = models.PositiveIntegerField(_("số hồ sơ đến hạn nộp lưu trong năm"), default=0)
    deposited_on_time = models.PositiveIntegerField(_("số hồ sơ nộp lưu đúng hạn"), default=0)

    class Meta:
        ordering = ["-year", "unit__short_name"]
        verbose_name = _("số liệu hồ sơ công việc")
        verbose_name_plural = _("số liệu hồ sơ công việc")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="records_work_file_count_unique"),
            models.CheckConstraint(
                condition=models.Q(deposited_on_time__lte=models.F("due")), name="records_count_on_time_le_due"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class ArchiveBacklog(TimeStampedModel):
    """A unit's backlog archives (tài liệu tồn đọng, tích đống), measured in shelf metres."""

    unit = models.OneToOneField(
        Unit, on_delete=models.CASCADE, related_name="archive_backlog", verbose_name=_("đơn vị")
    )
    total_metres = models.DecimalField(
        _("tổng số (mét giá)"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        ordering = ["unit__short_name"]
        verbose_name = _("tài liệu tồn đọng")
        verbose_name_plural = _("tài liệu tồn đọng")

    def __str__(self) -> str:
        return str(self.unit)


class SortingPlan(models.Model):
    backlog = models.ForeignKey(
        ArchiveBacklog, on_delete=models.CASCADE, related_name="plans", verbose_name=_("tài liệu tồn đọng")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    planned_metres = models.DecimalField(
        _("kế hoạch chỉnh lý (mét giá)"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["year"]
        verbose_name = _("kế hoạch chỉnh lý")
        verbose_name_plural = _("kế hoạch chỉnh lý")
        constraints = [models.UniqueConstraint(fields=["backlog", "year"], name="records_sorting_plan_unique")]

    def __str__(self) -> str:
        return f"{self.backlog} {self.year}"


class SortingProgress(models.Model):
    """Metres sorted (chỉnh lý) since the previous entry."""

    backlog = models.ForeignKey(
        ArchiveBacklog, on_delete=models.CASCADE, related_name="progress", verbose_name=_("tài liệu tồn đọng")
    )
    recorded_on = models.DateField(_("ngày"))
    metres = models.DecimalField(
        _("số mét giá đã chỉnh lý"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("người ghi")
    )

    class Meta:
        ordering = ["recorded_on", "pk"]
        verbose_name = _("tiến độ chỉnh lý")
        verbose_name_plural = _("tiến độ chỉnh lý")

    def __str__(self) -> str:
        return f"{self.backlog} {self.recorded_on:%d/%m/%Y}"
