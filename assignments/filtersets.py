"""One FilterSet for assignments: the inbox, the dashboard lists, the API and the exports share it.

It expects a queryset from `selectors.assignment_list` (with the `status_code` annotation).
"""

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from assignments.choices import AssignmentStatus
from assignments.models import Assignment, Directive
from assignments.selectors import status_filter
from core.text import normalize
from core.widgets import Select
from organizations.models import Unit

# Invalid filter values are reported and that filter is ignored (FilterSet.qs applies the valid ones only).
BAD_DATE = _("Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy (ví dụ 31/12/2026). Bộ lọc này chưa được áp dụng.")
OUT_OF_SCOPE = _("Không có trong danh sách bạn được xem. Bộ lọc này chưa được áp dụng.")
NOT_AN_ID = _("Giá trị không hợp lệ. Bộ lọc này chưa được áp dụng.")

ROLE_CHOICES = [
    ("own", _("Đơn vị của tôi chủ trì")),
    ("lead", _("Đơn vị chủ trì")),
    ("coordinating", _("Đơn vị phối hợp")),
    ("assigned", _("Đã giao (bên giao)")),
]
PENDING_CHOICES = [
    ("report", _("Chờ đơn vị chủ trì báo cáo")),
    ("review", _("Báo cáo chờ bên giao duyệt")),
    ("extension", _("Đề nghị gia hạn chờ quyết định")),
]
DUE_CHOICES = [
    ("7", _("Đến hạn trong 7 ngày")),
    ("30", _("Đến hạn trong 30 ngày")),
    ("none", _("Không có thời hạn")),
]


class Options(BaseChoiceIterator):
    """A picker's options, computed when the picker is rendered (once), not when the form is built (a
    BaseChoiceIterator, which Django leaves lazy)."""

    def __init__(self, compute):
        self.compute, self.values = compute, None

    def __iter__(self):
        if self.values is None:
            self.values = list(self.compute())
        return iter(self.values)


class AssignmentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Tìm kiếm"))
    status = django_filters.MultipleChoiceFilter(
        choices=[(s.value, s.label) for s in AssignmentStatus if s != AssignmentStatus.DRAFT],
        method="filter_status",
        label=_("Trạng thái"),
    )
    role = django_filters.ChoiceFilter(choices=ROLE_CHOICES, method="filter_role", label=_("Vai trò"))
    directive = django_filters.ModelChoiceFilter(
        queryset=Directive.objects.none(),
        field_name="item__directive",
        widget=Select,  # 100+ options: rendered without a template per option
        label=_("Văn bản"),
        error_messages={"invalid_choice": OUT_OF_SCOPE},
    )
    unit = django_filters.NumberFilter(
        method="filter_unit", label=_("Đơn vị (chủ trì hoặc phối hợp)"), error_messages={"invalid": NOT_AN_ID}
    )
    lead_unit = django_filters.NumberFilter(
        field_name="lead_unit", label=_("Đơn vị chủ trì"), error_messages={"invalid": NOT_AN_ID}
    )
    tree = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.none(),
        field_name="lead_unit",
        method="filter_tree",
        label=_("Đơn vị và cấp dưới"),
        widget=Select,
        error_messages={"invalid_choice": OUT_OF_SCOPE},
    )
    deadline_from = django_filters.DateFilter(
        field_name="deadline", lookup_expr="gte", label=_("Hạn từ ngày"), error_messages={"invalid": BAD_DATE}
    )
    deadline_to = django_filters.DateFilter(
        field_name="deadline", lookup_expr="lte", label=_("Hạn đến ngày"), error_messages={"invalid": BAD_DATE}
    )
    due = django_filters.ChoiceFilter(choices=DUE_CHOICES, method="filter_due", label=_("Thời hạn"))
    pending = django_filters.ChoiceFilter(choices=PENDING_CHOICES, method="filter_pending", label=_("Đang chờ"))

    class Meta:
        model = Assignment
        fields = [
            "q",
            "status",
            "role",
            "directive",
            "unit",
            "lead_unit",
            "tree",
            "deadline_from",
            "deadline_to",
            "due",
            "pending",
        ]

    def __init__(self, data=None, *args, user=None, **kwargs):
        if data is not None and hasattr(data, "getlist") and "status" in data:
            # A form's "all statuses" option sends status= ; that means no filter, not a bad choice.
            data = data.copy()
            data.setlist("status", [v for v in data.getlist("status") if v])
        super().__init__(data, *args, **kwargs)
        self.user = user
        if user is not None:
            from assignments.selectors import directive_list
            from organizations.permissions import scoped
            from organizations.selectors import unit_choices

            directives = directive_list(user=user).filter(status="issued")
            self.filters["directive"].queryset = directives
            self.form.fields["directive"].queryset = directives
            # The units whose assignments the user may see (not the whole directory), same names told apart.
            units = scoped(Unit.objects.all(), user, "view", field="pk").order_by("short_name")
            self.filters["tree"].queryset = units
            self.form.fields["tree"].queryset = units
            # The pickers' options come from two narrow queries, run only if the picker is shown (the inbox
            # has no unit picker): instantiating a province's directives and units cost ~10 ms a page.
            empty = [("", self.form.fields["directive"].empty_label)]
            self.form.fields["directive"].widget.choices = Options(
                lambda: (
                    empty
                    + [
                        (pk, str(Directive(number=n, title=t, date=d)))
                        for pk, n, t, d in directives.values_list("pk", "number", "title", "date")
                    ]
                )
            )
            self.form.fields["tree"].widget.choices = Options(lambda: empty + unit_choices(units))

    def search(self, queryset, name, value):
        # The search column is normalised by the services: "cai cach" finds "cải cách".
        words = normalize(value).split()
        for word in words:
            queryset = queryset.filter(search__icontains=word)
        return queryset

    def filter_status(self, queryset, name, value):
        return queryset.filter(status_filter(value)) if value else queryset

    def filter_role(self, queryset, name, value):
        from organizations.permissions import unit_ids

        if self.user is None:
            return queryset
        if value == "own":
            from organizations.permissions import memberships_of

            return queryset.filter(lead_unit__in=memberships_of(self.user).values("unit_id"))
        if value == "assigned":
            ids = unit_ids(self.user, "manage")
            return queryset if ids is None else queryset.filter(assigning_unit__in=ids)
        ids = unit_ids(self.user, "view")
        if ids is None:
            return queryset
        if value == "lead":
            return queryset.filter(lead_unit__in=ids)
        coordinated = Assignment.coordinators.through.objects.filter(unit_id__in=ids).values("assignment_id")
        return queryset.filter(pk__in=coordinated)

    def filter_unit(self, queryset, name, value):
        coordinated = Assignment.coordinators.through.objects.filter(unit_id=value).values("assignment_id")
        return queryset.filter(Q(lead_unit=value) | Q(pk__in=coordinated))

    def filter_tree(self, queryset, name, value):
        return queryset.filter(lead_unit__in=Unit.objects.descendants(value, include_self=True).values("pk"))

    def filter_pending(self, queryset, name, value):
        from assignments import selectors

        if value == "report":
            return selectors.awaiting_report(queryset)
        if value == "review":
            return selectors.awaiting_review(queryset)
        return selectors.awaiting_extension(queryset)

    def filter_due(self, queryset, name, value):
        if value == "none":
            return queryset.filter(deadline__isnull=True)
        today = timezone.localdate()
        return queryset.filter(
            deadline__range=(today, today + dt.timedelta(days=int(value))),
            done_at__isnull=True,
            cancelled_at__isnull=True,
        )
