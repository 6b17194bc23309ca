from django.db import models
from django.utils.translation import gettext_lazy as _


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Đang tự đánh giá")
    SUBMITTED = "submitted", _("Đã gửi thẩm định")
    APPRAISED = "appraised", _("Đã thẩm định")
    PUBLISHED = "published", _("Đã công bố")

    @property
    def colour(self) -> str:
        return {"draft": "", "submitted": "info", "appraised": "warn", "published": "ok"}[self.value]
