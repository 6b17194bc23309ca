from django.db import models
from django.utils.translation import gettext_lazy as _


class FigureSource(models.TextChoices):
    METRIC = "metric", _("Số liệu của hệ thống")
    TYPED = "typed", _("Đơn vị nhập")


class FigureKind(models.TextChoices):
    RATE = "rate", _("Tỷ lệ")
    COUNT = "count", _("Số lượng")
    TEXT = "text", _("Chữ")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Trả lại")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


class Timeliness(models.TextChoices):
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Muộn")
    MISSING = "missing", _("Chưa gửi")
    NOT_DUE = "not_due", _("Chưa đến hạn")


class IndexFormula(models.TextChoices):
    """What the system knows how to compute for a Decision 766 sub-indicator (the thresholds are data)."""

    ON_TIME = "on_time", _("Hồ sơ đúng hạn ÷ hồ sơ tiếp nhận hoặc giải quyết trong kỳ")
    ONLINE_PROCEDURES = "online_procedures", _("TTHC có DVC trực tuyến ÷ TTHC thuộc thẩm quyền")
    ONLINE_DOSSIERS = "online_dossiers", _("Hồ sơ trực tuyến ÷ tổng hồ sơ")
    ONLINE_PAYMENT = "online_payment", _("Hồ sơ thanh toán trực tuyến ÷ hồ sơ có nghĩa vụ tài chính")
    PROCEDURES_PAID_ONLINE = (
        "procedures_paid_online",
        _("TTHC có ít nhất một hồ sơ thanh toán trực tuyến ÷ TTHC có thu phí"),
    )
    DIGITISED = "digitised", _("Hồ sơ được số hóa ÷ hồ sơ tiếp nhận")
    ELECTRONIC_RESULTS = "electronic_results", _("Hồ sơ có kết quả điện tử ÷ hồ sơ có kết quả")
    PUBLISHED_ON_TIME = "published_on_time", _("TTHC công khai đúng hạn ÷ TTHC được công bố trong kỳ")
    METRIC = "metric", _("Số liệu đăng ký (core.metrics)")
    NOT_COMPUTABLE = "none", _("Hệ thống chưa có dữ liệu để tính")
