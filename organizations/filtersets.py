import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.text import normalize_unit_name
from organizations.choices import Role, UnitKind
from organizations.models import Level, Membership, Unit, UnitAlias


class UnitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Tìm kiếm"))
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices, label=_("Loại đơn vị"))
    level = django_filters.ModelChoiceFilter(queryset=Level.objects.all(), label=_("Cấp"))
    parent = django_filters.NumberFilter(label=_("Đơn vị cấp trên"))
    active = django_filters.BooleanFilter(method="filter_active", label=_("Đang hoạt động"))

    class Meta:
        model = Unit
        fields = ["q", "kind", "level", "parent", "active"]

    def search(self, queryset, name, value):
        # Case-insensitive on names; diacritic-free through the aliases' normalised column.
        alias_units = UnitAlias.objects.filter(normalized__contains=normalize_unit_name(value)).values("unit_id")
        return queryset.filter(
            Q(short_name__icontains=value)
            | Q(full_name__icontains=value)
            | Q(code__icontains=value)
            | Q(pk__in=alias_units)
        )

    def filter_active(self, queryset, name, value):
        active = Unit.objects.active().values("pk")
        return queryset.filter(pk__in=active) if value else queryset.exclude(pk__in=active)


class MembershipFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Tìm kiếm"))
    role = django_filters.ChoiceFilter(choices=Role.choices, label=_("Vai trò"))
    unit = django_filters.NumberFilter(label=_("Đơn vị"))

    class Meta:
        model = Membership
        fields = ["q", "role", "unit"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(user__username__icontains=value)
            | Q(user__first_name__icontains=value)
            | Q(user__last_name__icontains=value)
            | Q(position__icontains=value)
        )
