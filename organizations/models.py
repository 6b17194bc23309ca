import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from tree_queries.models import TreeNode
from tree_queries.query import TreeQuerySet

from core.models import TimeStampedModel
from core.text import normalize_unit_name
from organizations.choices import Role, UnitKind


class Level(models.Model):
    """An administrative tier (tỉnh, huyện, xã). Data, not code: districts ended in 2025."""

    code = models.SlugField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên cấp"), max_length=100)
    rank = models.PositiveSmallIntegerField(_("thứ bậc"), default=1, help_text=_("1 là cấp cao nhất"))
    active_to = models.DateField(_("hết hiệu lực"), null=True, blank=True)

    class Meta:
        ordering = ["rank", "name"]
        verbose_name = _("cấp hành chính")
        verbose_name_plural = _("cấp hành chính")

    def __str__(self) -> str:
        return self.name


class UnitQuerySet(TreeQuerySet):
    def visible_to(self, user):
        from organizations.permissions import unit_ids

        ids = unit_ids(user, "directory")
        return self if ids is None else self.filter(pk__in=ids)

    def active(self, on: dt.date | None = None):
        on = on or timezone.localdate()
        return self.filter(
            models.Q(active_from__isnull=True) | models.Q(active_from__lte=on),
            models.Q(active_to__isnull=True) | models.Q(active_to__gte=on),
        )


class Unit(TreeNode, TimeStampedModel):
    code = models.CharField(_("mã đơn vị"), max_length=50, unique=True)
    short_name = models.CharField(_("tên ngắn"), max_length=200)
    full_name = models.CharField(_("tên đầy đủ"), max_length=300, blank=True)
    level = models.ForeignKey(Level, on_delete=models.PROTECT, verbose_name=_("cấp"), null=True, blank=True)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices)
    email = models.EmailField(_("thư điện tử"), blank=True)
    active_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    active_to = models.DateField(_("hoạt động đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("đơn vị kế thừa"),
        help_text=_("Đơn vị nhận lại nhiệm vụ khi sáp nhập, giải thể"),
    )

    objects = UnitQuerySet.as_manager(with_tree_fields=False)

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(active_to__isnull=True)
                | models.Q(active_from__isnull=True)
                | models.Q(active_to__gte=models.F("active_from")),
                name="unit_active_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("organizations:unit_detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        return self.full_name or self.short_name

    def is_active_on(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        return (self.active_from is None or self.active_from <= on) and (self.active_to is None or self.active_to >= on)

    @property
    def is_active(self) -> bool:
        return self.is_active_on()


class UnitAlias(models.Model):
    """Another way documents write a unit's name ("Phòng Nội vụ Huyện")."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("đơn vị"))
    name = models.CharField(_("tên gọi khác"), max_length=300)
    normalized = models.CharField(max_length=300, editable=False, db_index=True)

    class Meta:
        verbose_name = _("tên gọi khác")
        verbose_name_plural = _("tên gọi khác")
        constraints = [models.UniqueConstraint(fields=["unit", "normalized"], name="unit_alias_unique")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.normalized = normalize_unit_name(self.name)


class UnitGroup(TimeStampedModel):
    """A named set of units used as one recipient ("UBND các xã, thị trấn").

    Members come from a rule (units of `rule_kind`/`rule_level` beneath `rule_parent`) and/or an
    explicit list; see `organizations.selectors.unit_group_members`.
    """

    name = models.CharField(_("tên nhóm"), max_length=300)
    aliases = models.TextField(_("tên gọi khác"), blank=True, help_text=_("Mỗi dòng một tên"))
    owner = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="owned_groups", verbose_name=_("thuộc đơn vị")
    )
    rule_parent = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("các đơn vị trực thuộc"),
    )
    rule_kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices, blank=True)
    rule_level = models.ForeignKey(Level, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("cấp"))
    rule_direct_children_only = models.BooleanField(_("chỉ đơn vị trực thuộc trực tiếp"), default=True)
    members = models.ManyToManyField(Unit, blank=True, related_name="explicit_groups", verbose_name=_("đơn vị"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("nhóm đơn vị")
        verbose_name_plural = _("nhóm đơn vị")

    def __str__(self) -> str:
        return self.name

    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class Membership(TimeStampedModel):
    """A user belongs to a unit with a role. The permission rule is in organizations.permissions."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("người dùng")
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("đơn vị"))
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        ordering = ["unit__short_name", "user__last_name"]
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique_role")]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit} ({self.get_role_display()})"
