from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    LINK = "link", _("Đường dẫn / mã QR theo hồ sơ")
    PUBLIC_FORM = "public_form", _("Phiếu công khai của đơn vị")
    PAPER = "paper", _("Phiếu giấy (cán bộ nhập)")


class CommentStatus(models.TextChoices):
    NONE = "none", _("Không có ý kiến")
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Không đăng")
