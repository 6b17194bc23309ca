from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    POSTAL = "postal", _("Bưu chính công ích")


class Comparison(models.TextChoices):
    AT_LEAST = "gte", "≥"
    AT_MOST = "lte", "≤"


class TargetState(models.TextChoices):
    MET = "met", _("Đạt")
    CLOSE = "close", _("Gần đạt")
    MISSED = "missed", _("Chưa đạt")
    UNKNOWN = "unknown", _("Chưa có số liệu")

    @property
    def colour(self) -> str:
        return {"met": "ok", "close": "warn", "missed": "bad", "unknown": ""}[self.value]
