"""Shared abstract models. No domain logic lives here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class CalendarDay(models.Model):
    """An exception to the Monday–Friday working week: a public holiday (or compensating day off),
    or a make-up working day on a weekend. The calendar is data, edited yearly in the admin.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Ngày nghỉ")
        MAKEUP_WORKDAY = "makeup_workday", _("Ngày làm bù")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại ngày"), max_length=20, choices=Kind.choices, default=Kind.HOLIDAY)
    name = models.CharField(_("tên"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("lịch ngày nghỉ, ngày làm bù")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()}"
