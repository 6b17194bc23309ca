from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from organizations.models import Unit
from parindex.choices import AssessmentStatus


class RankingBand(models.Model):
    """A ranking band (Tốt, Khá, …): data, because each province sets its own."""

    name = models.CharField(_("xếp loại"), max_length=100)
    min_points = models.DecimalField(_("từ điểm"), max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["-min_points"]
        verbose_name = _("mức xếp loại")
        verbose_name_plural = _("mức xếp loại")

    def __str__(self) -> str:
        return self.name


class CriteriaSet(TimeStampedModel):
    year = models.PositiveIntegerField(_("năm"))
    name = models.CharField(_("tên bộ chỉ số"), max_length=300)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("sao chép từ")
    )
    owner_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị quản lý"),
        help_text=_("Để trống: bộ chỉ số chung, chỉ quản trị viên được sửa"),
    )

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("bộ chỉ số")
        verbose_name_plural = _("bộ chỉ số")
        constraints = [models.UniqueConstraint(fields=["year", "name"], name="criteria_set_unique_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class Criterion(models.Model):
    """A node of the tree: field (lĩnh vực) › criterion › sub-criterion. Parents' max = sum of children's."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("mã"), max_length=30)
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    position = models.PositiveIntegerField(default=0)
    depth = models.PositiveSmallIntegerField(default=0)
    content = models.TextField(_("nội dung"))
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    guidance = models.TextField(_("cách chấm"), blank=True)
    is_survey = models.BooleanField(_("điều tra xã hội học"), default=False)
    responsible_name = models.CharField(_("đơn vị phụ trách"), max_length=300, blank=True)
    metric_key = models.CharField(_("số liệu gợi ý điểm"), max_length=100, blank=True)
    scoring_rule = models.CharField(
        _("quy tắc chấm theo số liệu"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ: ≥ 60%: 3; ≥ 40%: 1,5; còn lại: 0"),
    )

    class Meta:
        ordering = ["criteria_set", "position"]
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        constraints = [models.UniqueConstraint(fields=["criteria_set", "code"], name="criterion_unique_code")]

    def __str__(self) -> str:
        return f"{self.code}. {self.content}"


class Assessment(TimeStampedModel):
    """A unit's self-assessment for one criteria set, through draft → submitted → appraised → published."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.PROTECT, related_name="assessments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="par_assessments", verbose_name=_("đơn vị"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    deadline = models.DateField(_("hạn tự đánh giá"), null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    appraised_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["criteria_set", "unit__short_name"]
        verbose_name = _("tự đánh giá")
        verbose_name_plural = _("tự đánh giá")
        constraints = [models.UniqueConstraint(fields=["criteria_set", "unit"], name="assessment_unique_unit")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.criteria_set}"


def evidence_path(instance, filename: str) -> str:
    # Never guessable, never the uploader's name: the file is served through a permission check.
    from core.files import storage_name

    return storage_name("parindex/evidence", filename)


class Evidence(TimeStampedModel):
    """A document backing a score (tài liệu kiểm chứng); reusable across criteria and years."""

    owner_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="par_evidence", verbose_name=_("đơn vị")
    )
    title = models.CharField(_("trích yếu"), max_length=500)
    number = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=300, blank=True)
    valid_from = models.DateField(_("có giá trị từ"), null=True, blank=True)
    valid_to = models.DateField(_("có giá trị đến"), null=True, blank=True)
    file = models.FileField(_("tệp"), upload_to=evidence_path, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["-issued_on", "title"]
        verbose_name = _("tài liệu kiểm chứng")
        verbose_name_plural = _("tài liệu kiểm chứng")

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class Score(TimeStampedModel):
    """A leaf criterion in one assessment: who answers it, the unit's claim and the council's decision."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    responsible_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("đơn vị phụ trách")
    )
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    self_score = models.DecimalField(_("điểm tự đánh giá"), max_digits=6, decimal_places=2, null=True, blank=True)
    self_comment = models.TextField(_("thuyết minh"), blank=True)
    explanation = models.TextField(_("giải trình"), blank=True)
    appraised_score = models.DecimalField(_("điểm thẩm định"), max_digits=6, decimal_places=2, null=True, blank=True)
    appraisal_reason = models.TextField(_("lý do điều chỉnh"), blank=True)
    evidence = models.ManyToManyField(
        Evidence, blank=True, related_name="scores", verbose_name=_("tài liệu kiểm chứng")
    )

    class Meta:
        ordering = ["criterion__position"]
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="score_unique_criterion"),
            models.CheckConstraint(
                condition=models.Q(self_score__gte=Decimal(0)) | models.Q(self_score__isnull=True),
                name="score_self_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} – {self.criterion.code}"
