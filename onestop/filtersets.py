import django_filters
from django.utils.translation import gettext_lazy as _

from onestop.choices import Channel
from onestop.models import Dossier, Procedure


class ProcedureFilterSet(django_filters.FilterSet):
    code = django_filters.CharFilter(lookup_expr="icontains", label=_("Mã TTHC"))
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("Tên TTHC"))
    field = django_filters.CharFilter(lookup_expr="icontains", label=_("Lĩnh vực"))
    online = django_filters.BooleanFilter(field_name="service_level__online_capable", label=_("Có DVC trực tuyến"))

    class Meta:
        model = Procedure
        fields = ["code", "name", "field", "online"]


class DossierFilterSet(django_filters.FilterSet):
    received_from = django_filters.DateFilter(field_name="received_on", lookup_expr="gte", label=_("Tiếp nhận từ"))
    received_to = django_filters.DateFilter(field_name="received_on", lookup_expr="lte", label=_("Tiếp nhận đến"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Kênh nộp"))
    procedure = django_filters.CharFilter(field_name="procedure__code", label=_("Mã TTHC"))
    receiving_unit = django_filters.NumberFilter(label=_("Đơn vị tiếp nhận"))
    deciding_unit = django_filters.NumberFilter(label=_("Đơn vị giải quyết"))
    open = django_filters.BooleanFilter(field_name="completed_on", lookup_expr="isnull", label=_("Chưa có kết quả"))

    class Meta:
        model = Dossier
        fields = ["received_from", "received_to", "channel", "procedure", "receiving_unit", "deciding_unit", "open"]
