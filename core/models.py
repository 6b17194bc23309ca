"""Shared abstract models. No domain logic lives here."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
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


class ImportJob(TimeStampedModel):
    """A large import file checked and imported by a task worker, so that no web request waits for it.

    The file waits in storage under `token` (see core.uploads); the job keeps what the page shows: the
    columns found, the first rows, the summary or every error.
    """

    class State(models.TextChoices):
        CHECKING = "checking", _("Đang kiểm tra tệp")
        CHECKED = "checked", _("Đã kiểm tra, chờ xác nhận")
        IMPORTING = "importing", _("Đang nhập")
        DONE = "done", _("Đã nhập")
        FAILED = "failed", _("Có lỗi, không ghi dữ liệu")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs", verbose_name=_("người nhập")
    )
    kind = models.CharField(_("loại dữ liệu"), max_length=50)
    filename = models.CharField(_("tên tệp"), max_length=255)
    token = models.CharField(max_length=32)
    state = models.CharField(_("trạng thái"), max_length=20, choices=State.choices, default=State.CHECKING)
    columns = models.JSONField(_("các cột"), default=list)
    preview = models.JSONField(_("xem trước"), default=list)
    summary = models.TextField(_("kết quả"), blank=True)
    message = models.TextField(_("thông báo lỗi"), blank=True)
    errors = models.JSONField(_("các lỗi"), default=list)
    # The importer's summary as data (e.g. the file's period, so that the page links to its own figures).
    details = models.JSONField(_("chi tiết kết quả"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lượt nhập tệp lớn")
        verbose_name_plural = _("lượt nhập tệp lớn")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_state_display()})"

    @property
    def running(self) -> bool:
        return self.state in (self.State.CHECKING, self.State.IMPORTING)


class Generation(models.Model):
    """A counter that a bulk write bumps ("the dossiers changed"): caches of figures computed from that data
    name the generation in their keys, so a new import is never answered from an old cache (core.generations)."""

    key = models.CharField(_("dữ liệu"), max_length=50, unique=True)
    value = models.PositiveBigIntegerField(_("thế hệ"), default=0)

    class Meta:
        verbose_name = _("thế hệ dữ liệu")
        verbose_name_plural = _("thế hệ dữ liệu")

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"
