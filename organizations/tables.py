import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from organizations.models import Membership, Unit


class UnitTable(tables.Table):
    short_name = tables.Column(linkify=True, verbose_name=_("Tên đơn vị"))
    parent = tables.Column(verbose_name=_("Cấp trên"))
    level = tables.Column(verbose_name=_("Cấp"))

    class Meta:
        model = Unit
        fields = ["code", "short_name", "kind", "level", "parent", "active_from", "active_to"]
        attrs = {"class": "table"}


class MembershipTable(tables.Table):
    user = tables.Column(verbose_name=_("Người dùng"), accessor="user__get_full_name", order_by="user__last_name")
    username = tables.Column(verbose_name=_("Tên đăng nhập"), accessor="user__username")
    unit = tables.Column(linkify=True, verbose_name=_("Đơn vị"))

    class Meta:
        model = Membership
        fields = ["user", "username", "unit", "role", "position"]
        attrs = {"class": "table"}
