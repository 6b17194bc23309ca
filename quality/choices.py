from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewKind(models.TextChoices):
    INTERNAL_AUDIT = "internal_audit", _("Đánh giá nội bộ")
    MANAGEMENT_REVIEW = "management_review", _("Xem xét của lãnh đạo")


class Flag(models.TextChoices):
    """Why a document or a unit's system needs attention. Computed, never stored."""

    PROCEDURE_CHANGED = "procedure_changed", _("TTHC thay đổi sau ngày ban hành quy trình")
    PROCEDURE_ABOLISHED = "procedure_abolished", _("TTHC đã bị bãi bỏ")
    MISSING_DOCUMENT = "missing_document", _("TTHC trực tuyến trong phạm vi chưa có quy trình")
    AUDIT_OVERDUE = "audit_overdue", _("Quá hạn đánh giá nội bộ / xem xét của lãnh đạo")
    NO_ANNOUNCEMENT = "no_announcement", _("Chưa công bố hệ thống phù hợp TCVN ISO 9001:2015")
