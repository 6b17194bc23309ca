from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from onestop.choices import Channel, Comparison
from organizations.models import Unit, UnitGroup


class ServiceLevel(models.Model):
    """A level of online public service, with its legal basis: data, because the scale changed in 2022."""

    code = models.SlugField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên mức độ"), max_length=100)
    online_capable = models.BooleanField(_("là dịch vụ công trực tuyến"), default=False)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=200, blank=True)
    aliases = models.TextField(_("cách ghi khác"), blank=True, help_text=_("Mỗi dòng một cách ghi trong tệp nhập"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("mức độ dịch vụ công")
        verbose_name_plural = _("mức độ dịch vụ công")

    def __str__(self) -> str:
        return self.name


class Procedure(TimeStampedModel):
    code = models.CharField(_("mã TTHC"), max_length=50, unique=True)
    name = models.CharField(_("tên TTHC"), max_length=1000)
    field = models.CharField(_("lĩnh vực"), max_length=300, blank=True)
    tier = models.CharField(_("cấp thực hiện"), max_length=100, blank=True)
    service_level = models.ForeignKey(ServiceLevel, on_delete=models.PROTECT, verbose_name=_("mức độ DVC"))
    processing_days = models.PositiveIntegerField(_("số ngày giải quyết"), null=True, blank=True)
    # Set by the catalogue import only when a content field really changes (ISO documents go out of date).
    content_changed_on = models.DateField(_("ngày nội dung thay đổi"), null=True, blank=True)
    abolished_on = models.DateField(_("ngày bãi bỏ"), null=True, blank=True)
    # Optional catalogue columns (Decision 766 forecast, publicity): NULL = the catalogue did not say.
    announced_on = models.DateField(_("ngày quyết định công bố"), null=True, blank=True)
    published_on = models.DateField(_("ngày công khai"), null=True, blank=True)
    owner_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị quản lý danh mục"),
        help_text=_("Để trống: danh mục chung, chỉ quản trị viên được sửa"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class Dossier(models.Model):
    """One application received at a one-stop counter. Dates only: the figures compare by date."""

    # A million rows a year are written by the import: every index costs write time, so only the ones the
    # figures and the upsert use exist (see Meta). The foreign keys keep their constraints, not their indexes.
    code = models.CharField(_("mã hồ sơ"), max_length=100)
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, db_index=False, verbose_name=_("thủ tục"))
    receiving_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        db_index=False,  # served by dossier_period_figures
        related_name="received_dossiers",
        verbose_name=_("đơn vị tiếp nhận"),
    )
    deciding_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        db_index=False,
        related_name="decided_dossiers",
        null=True,
        blank=True,
        verbose_name=_("đơn vị giải quyết"),
    )
    channel = models.CharField(_("kênh nộp"), max_length=20, choices=Channel.choices)
    received_on = models.DateField(_("ngày tiếp nhận"))
    due_on = models.DateField(_("ngày hẹn trả"), null=True, blank=True)
    completed_on = models.DateField(_("ngày có kết quả"), null=True, blank=True)
    postal_return = models.BooleanField(_("trả kết quả qua BCCI"), default=False)
    # Optional columns of newer exports (Decision 766 forecast); NULL = the file did not say.
    online_payment = models.BooleanField(_("thanh toán trực tuyến"), null=True, blank=True)
    digitised = models.BooleanField(_("số hóa thành phần hồ sơ"), null=True, blank=True)
    electronic_result = models.BooleanField(_("kết quả điện tử"), null=True, blank=True)
    supplement_requests = models.PositiveSmallIntegerField(_("số lần yêu cầu bổ sung"), null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "code"]
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        # A constraint, not unique=True: the same unique index without the extra LIKE index on PostgreSQL.
        # A code is unique within its receiving unit: an import keyed this way never touches, nor reveals,
        # another unit's dossier that happens to carry the same code.
        constraints = [models.UniqueConstraint(fields=["code", "receiving_unit"], name="dossier_code_unique")]
        # One index serves every figure: it starts with the period and holds every column the figures read,
        # so a quarter is one range scan of the index, never a row-by-row visit of the table (SQLite's figures
        # went from 1.1 s to 0.3 s on a million dossiers), and it is the only index besides the two unique ones.
        indexes = [
            models.Index(
                fields=[
                    "received_on",
                    "receiving_unit",
                    "procedure",
                    "channel",
                    "completed_on",
                    "due_on",
                    "postal_return",
                ],
                name="dossier_period_figures",
            ),
            # The procedure figures ask, per online-capable procedure and channel, "any dossier of these units
            # in the period?": one probe of this index each (≈ 3 × 2,000 probes, answered from the index)
            # instead of a second scan of the period. It also serves the PROTECT check when a procedure is deleted.
            models.Index(
                fields=["procedure", "channel", "received_on", "receiving_unit"], name="dossier_procedure_probe"
            ),
            # One unit's (or a few units') figures — an assessment's linked metrics, a commune's dashboard — are a
            # short range of this index instead of the whole period of every unit (a commune's year: 57 → ≈ 3 ms
            # on a million dossiers). PostgreSQL keeps the other columns the figures read in the index (INCLUDE);
            # SQLite, which has no INCLUDE, reads them from the table for those few rows.
            models.Index(
                fields=["receiving_unit", "received_on"],
                include=["procedure", "channel", "completed_on", "due_on", "postal_return"],
                name="dossier_unit_period",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class Target(TimeStampedModel):
    """A measurable goal set by the chair: metric, comparison, threshold, scope (unit or group, year)."""

    name = models.CharField(_("tên chỉ tiêu"), max_length=300)
    metric = models.CharField(_("số liệu"), max_length=100)
    comparison = models.CharField(_("so sánh"), max_length=3, choices=Comparison.choices, default=Comparison.AT_LEAST)
    threshold = models.DecimalField(_("ngưỡng"), max_digits=9, decimal_places=4, help_text=_("Tỷ lệ ghi 0,6 cho 60%"))
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("đơn vị"))
    group = models.ForeignKey(UnitGroup, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("nhóm"))
    year = models.PositiveIntegerField(_("năm"), null=True, blank=True, help_text=_("Để trống: áp dụng mọi năm"))
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        ordering = ["metric", "name"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")

    def __str__(self) -> str:
        return self.name
