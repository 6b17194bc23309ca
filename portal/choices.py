from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã đăng")

    @property
    def css(self) -> str:
        return {"draft": "warn", "published": "ok"}[self.value]


class DossierState(models.TextChoices):
    """What the public lookup says about a dossier: from its dates only (DOMAIN §3)."""

    IN_PROGRESS = "in_progress", _("Đang giải quyết")
    OVERDUE = "overdue", _("Đang giải quyết, quá hạn")
    DONE_ON_TIME = "done_on_time", _("Đã có kết quả, đúng hạn")
    DONE_LATE = "done_late", _("Đã có kết quả, quá hạn")
