from django.db import models
from django.utils.translation import gettext_lazy as _


class DepositState(models.TextChoices):
    """A work file's deposit state on a day, computed from its dates and the rule."""

    OPEN = "open", _("Đang giải quyết")
    NOT_DUE = "not_due", _("Chưa đến hạn nộp lưu")
    ON_TIME = "on_time", _("Nộp lưu đúng hạn")
    LATE = "late", _("Nộp lưu quá hạn")
    OVERDUE = "overdue", _("Quá hạn chưa nộp lưu")
