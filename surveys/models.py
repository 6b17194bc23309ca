"""Satisfaction surveys (DOMAIN §5): questionnaires as data, dossier tokens, responses and their answers.

No personal data is stored: a response holds the unit, the date, the channel, the answers and an optional
comment. The client address is never saved (the rate limit keeps only a hash in the cache for an hour).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from onestop.models import Dossier
from organizations.models import Unit
from surveys.choices import Channel, CommentStatus


def default_scale() -> list[dict]:
    return [
        {"value": 1, "label": "Rất không hài lòng"},
        {"value": 2, "label": "Không hài lòng"},
        {"value": 3, "label": "Bình thường"},
        {"value": 4, "label": "Hài lòng"},
        {"value": 5, "label": "Rất hài lòng"},
    ]


def default_satisfied() -> list[int]:
    return [4, 5]


def new_token() -> str:
    return secrets.token_urlsafe(16)


class Questionnaire(TimeStampedModel):
    code = models.SlugField(_("mã"), max_length=50, unique=True)
    name = models.CharField(_("tên phiếu"), max_length=300)
    intro = models.TextField(_("lời giới thiệu"), blank=True)
    consent_text = models.TextField(_("nội dung đồng ý"))
    scale = models.JSONField(
        _("thang đo"), default=default_scale, help_text=_("Danh sách {value, label}, từ thấp đến cao")
    )
    satisfied_values = models.JSONField(
        _("mức được tính là hài lòng"), default=default_satisfied, help_text=_("Ví dụ [4, 5]")
    )
    allow_comment = models.BooleanField(_("cho phép góp ý"), default=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("phiếu khảo sát")
        verbose_name_plural = _("phiếu khảo sát")

    def __str__(self) -> str:
        return self.name

    @property
    def scale_values(self) -> list[int]:
        return [int(item["value"]) for item in self.scale]


class Factor(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="factors", verbose_name=_("phiếu")
    )
    code = models.SlugField(_("mã"), max_length=50)
    name = models.CharField(_("yếu tố"), max_length=300)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["questionnaire", "order", "code"]
        verbose_name = _("yếu tố")
        verbose_name_plural = _("yếu tố")
        constraints = [models.UniqueConstraint(fields=["questionnaire", "code"], name="factor_code_unique")]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    factor = models.ForeignKey(Factor, on_delete=models.CASCADE, related_name="questions", verbose_name=_("yếu tố"))
    code = models.SlugField(_("mã"), max_length=50)
    text = models.CharField(_("câu hỏi"), max_length=500)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["factor__order", "order", "code"]
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        constraints = [models.UniqueConstraint(fields=["factor", "code"], name="question_code_unique")]

    def __str__(self) -> str:
        return self.text


class SurveyToken(models.Model):
    """An unguessable link printed for one dossier (QR slip); answers once."""

    token = models.CharField(_("mã bí mật"), max_length=64, unique=True, default=new_token)
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, verbose_name=_("phiếu"))
    dossier = models.OneToOneField(
        Dossier, on_delete=models.CASCADE, related_name="survey_token", verbose_name=_("hồ sơ")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mã khảo sát theo hồ sơ")
        verbose_name_plural = _("mã khảo sát theo hồ sơ")

    def __str__(self) -> str:
        return self.dossier.code


class Response(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="responses", verbose_name=_("phiếu")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="survey_responses", verbose_name=_("đơn vị"))
    answered_on = models.DateField(_("ngày trả lời"))
    channel = models.CharField(_("kênh"), max_length=20, choices=Channel.choices)
    dossier = models.OneToOneField(
        Dossier,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_response",
        verbose_name=_("hồ sơ"),
    )
    comment = models.TextField(_("ý kiến góp ý"), blank=True)
    comment_status = models.CharField(
        _("trạng thái ý kiến"), max_length=20, choices=CommentStatus.choices, default=CommentStatus.NONE
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cán bộ nhập phiếu"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        ordering = ["-answered_on", "-pk"]
        verbose_name = _("phiếu trả lời")
        verbose_name_plural = _("phiếu trả lời")
        indexes = [models.Index(fields=["unit", "answered_on"], name="survey_response_unit_date")]

    def __str__(self) -> str:
        return f"{self.unit} {self.answered_on:%d/%m/%Y}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("phiếu"))
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("câu hỏi"))
    value = models.PositiveSmallIntegerField(_("mức đánh giá"))

    class Meta:
        verbose_name = _("câu trả lời")
        verbose_name_plural = _("câu trả lời")
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="answer_once_per_question")]

    def __str__(self) -> str:
        return f"{self.question_id}={self.value}"
