"""Report cycles, their templates, the units' reports, and the Decision 766 rules — all data."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from organizations.choices import UnitKind
from organizations.models import Level, Unit
from reports.choices import FigureKind, FigureSource, IndexFormula, ReportStatus


class ReportTemplate(TimeStampedModel):
    """The outline of a report: narrative sections and a table of figures."""

    name = models.CharField(_("tên mẫu"), max_length=300)
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("mẫu báo cáo")
        verbose_name_plural = _("mẫu báo cáo")

    def __str__(self) -> str:
        return self.name


class TemplateSection(models.Model):
    template = models.ForeignKey(
        ReportTemplate, on_delete=models.CASCADE, related_name="sections", verbose_name=_("mẫu báo cáo")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("số thứ tự"), max_length=20)
    title = models.CharField(_("tiêu đề"), max_length=300)
    guidance = models.TextField(_("hướng dẫn"), blank=True)

    class Meta:
        ordering = ["template", "position"]
        verbose_name = _("mục báo cáo")
        verbose_name_plural = _("mục báo cáo")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class FigureRow(models.Model):
    """A row of the figures table: a `core.metrics` figure filled in by the system, or typed in by the unit."""

    template = models.ForeignKey(
        ReportTemplate, on_delete=models.CASCADE, related_name="figure_rows", verbose_name=_("mẫu báo cáo")
    )
    section = models.ForeignKey(
        TemplateSection,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="figure_rows",
        verbose_name=_("thuộc mục"),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    label = models.CharField(_("chỉ tiêu"), max_length=300)
    source = models.CharField(_("nguồn"), max_length=10, choices=FigureSource.choices, default=FigureSource.TYPED)
    metric_key = models.CharField(_("mã số liệu"), max_length=100, blank=True)
    kind = models.CharField(_("loại"), max_length=10, choices=FigureKind.choices, default=FigureKind.COUNT)
    unit_label = models.CharField(_("đơn vị tính"), max_length=30, blank=True)

    class Meta:
        ordering = ["template", "position"]
        verbose_name = _("dòng số liệu")
        verbose_name_plural = _("dòng số liệu")

    def __str__(self) -> str:
        return self.label


class ReportKind(models.Model):
    """A kind of periodic report (quarter, six months, nine months, year) and its rules.

    Period `number` n of a year ends on `cutoff_day` of month `first_end_month + (n-1) × step_months` and
    goes back `length_months`; the report is due on `due_day` of the period's last month."""

    code = models.SlugField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=100)
    length_months = models.PositiveSmallIntegerField(_("số tháng số liệu"))
    first_end_month = models.PositiveSmallIntegerField(_("tháng chốt số liệu của kỳ đầu"))
    step_months = models.PositiveSmallIntegerField(_("khoảng cách giữa các kỳ (tháng)"), default=12)
    periods_per_year = models.PositiveSmallIntegerField(_("số kỳ trong năm"), default=1)
    cutoff_day = models.PositiveSmallIntegerField(_("ngày chốt số liệu"), default=14)
    due_day = models.PositiveSmallIntegerField(_("hạn gửi (ngày trong tháng cuối kỳ)"), default=20)
    template = models.ForeignKey(
        ReportTemplate, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("mẫu báo cáo")
    )
    reporting_levels = models.ManyToManyField(
        Level, blank=True, verbose_name=_("cấp phải báo cáo"), help_text=_("Để trống: mọi cấp")
    )
    reporting_unit_kinds = models.JSONField(
        _("loại đơn vị phải báo cáo"),
        default=list,
        blank=True,
        help_text=_("Danh sách mã loại đơn vị; để trống: mọi loại"),
    )
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("loại kỳ báo cáo")
        verbose_name_plural = _("loại kỳ báo cáo")

    def __str__(self) -> str:
        return self.name

    def unit_kind_labels(self) -> list[str]:
        labels = dict(UnitKind.choices)
        return [str(labels.get(code, code)) for code in self.reporting_unit_kinds]


class ReportCycle(TimeStampedModel):
    """One opening of a kind for a year and number, by the unit that consolidates (`owner`)."""

    kind = models.ForeignKey(ReportKind, on_delete=models.PROTECT, verbose_name=_("loại kỳ"))
    year = models.PositiveIntegerField(_("năm"))
    number = models.PositiveSmallIntegerField(_("kỳ số"), default=1)
    owner = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="report_cycles", verbose_name=_("đơn vị tổng hợp")
    )
    template = models.ForeignKey(ReportTemplate, on_delete=models.PROTECT, verbose_name=_("mẫu báo cáo"))
    title = models.CharField(_("tên kỳ báo cáo"), max_length=300)
    start = models.DateField(_("số liệu từ ngày"))
    end = models.DateField(_("số liệu đến ngày"))
    due_on = models.DateField(_("hạn gửi"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người mở"),
    )

    class Meta:
        ordering = ["-end", "kind__position"]
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        constraints = [models.UniqueConstraint(fields=["owner", "kind", "year", "number"], name="report_cycle_unique")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:cycle_detail", args=[self.pk])


class UnitReport(TimeStampedModel):
    cycle = models.ForeignKey(ReportCycle, on_delete=models.CASCADE, related_name="reports", verbose_name=_("kỳ"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="periodic_reports", verbose_name=_("đơn vị"))
    status = models.CharField(_("trạng thái"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    signed_file = models.FileField(_("bản ký số"), upload_to="reports/%Y/", blank=True)
    signed_file_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    first_submitted_at = models.DateTimeField(_("gửi lần đầu lúc"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người gửi"),
    )
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người xem xét"),
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)

    class Meta:
        ordering = ["cycle", "unit__short_name"]
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        constraints = [models.UniqueConstraint(fields=["cycle", "unit"], name="unit_report_unique")]

    def __str__(self) -> str:
        return f"{self.cycle} – {self.unit}"

    def get_absolute_url(self) -> str:
        return reverse("reports:report_detail", args=[self.pk])


class ReportSectionText(models.Model):
    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="texts")
    section = models.ForeignKey(TemplateSection, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("nội dung"), blank=True)

    class Meta:
        ordering = ["section__position"]
        constraints = [models.UniqueConstraint(fields=["report", "section"], name="report_section_unique")]


class ReportFigure(models.Model):
    """A figure of a unit's report: filled by the system (metric rows) or typed by the unit."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="figures")
    row = models.ForeignKey(FigureRow, on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(_("giá trị"), max_digits=14, decimal_places=4, null=True, blank=True)
    numerator = models.IntegerField(_("tử số"), null=True, blank=True)
    denominator = models.IntegerField(_("mẫu số"), null=True, blank=True)
    text = models.CharField(_("ghi chú"), max_length=500, blank=True)
    computed_at = models.DateTimeField(_("tính lúc"), null=True, blank=True)

    class Meta:
        ordering = ["row__position"]
        constraints = [models.UniqueConstraint(fields=["report", "row"], name="report_figure_unique")]


class IndexRuleSet(models.Model):
    """The portal's Decision 766 formulas in force over a span of dates (they are not law and they change)."""

    name = models.CharField(_("tên"), max_length=300)
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("bộ công thức Bộ chỉ số 766")
        verbose_name_plural = _("bộ công thức Bộ chỉ số 766")

    def __str__(self) -> str:
        return self.name


class IndexIndicator(models.Model):
    rule_set = models.ForeignKey(
        IndexRuleSet, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("bộ công thức")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    group = models.CharField(_("nhóm chỉ số"), max_length=100)
    group_max = models.DecimalField(_("điểm tối đa của nhóm"), max_digits=6, decimal_places=2)
    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("chỉ số thành phần"), max_length=300)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    formula = models.CharField(
        _("cách tính"), max_length=30, choices=IndexFormula.choices, default=IndexFormula.NOT_COMPUTABLE
    )
    metric_key = models.CharField(_("mã số liệu"), max_length=100, blank=True)
    full_at = models.DecimalField(
        _("đạt điểm tối đa khi tỷ lệ ≥"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Ghi 0,8 cho 80 %; để trống: điểm = tỷ lệ × điểm tối đa"),
    )
    working_days = models.PositiveSmallIntegerField(
        _("trong số ngày làm việc"), null=True, blank=True, help_text=_("Hạn công khai sau ngày quyết định công bố")
    )
    formula_text = models.CharField(_("công thức hiển thị"), max_length=500, blank=True)
    closing_hint = models.CharField(
        _("gợi ý khắc phục"),
        max_length=300,
        blank=True,
        help_text=_("{n}: số cần thêm, {target}: tỷ lệ cần đạt, {period}: tên kỳ"),
    )

    class Meta:
        ordering = ["rule_set", "position"]
        verbose_name = _("chỉ số thành phần 766")
        verbose_name_plural = _("chỉ số thành phần 766")
        constraints = [models.UniqueConstraint(fields=["rule_set", "code"], name="index_indicator_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
