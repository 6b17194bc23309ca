from rest_framework import serializers

from core import api
from core.api import MAX_ID
from reports.models import ReportCycle, ReportFigure, ReportKind, ReportSectionText, UnitReport
from reports.selectors import format_figure


class ReportKindSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportKind
        fields = ["id", "code", "name", "length_months", "periods_per_year", "cutoff_day", "due_day"]


class ReportCycleSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="kind.code", read_only=True)
    owner_name = serializers.CharField(source="owner.short_name", read_only=True)

    class Meta:
        model = ReportCycle
        fields = ["id", "kind", "year", "number", "title", "owner", "owner_name", "start", "end", "due_on"]
        read_only_fields = fields


class CycleOpenSerializer(serializers.Serializer):
    kind = api.SlugRelatedField(slug_field="code", queryset=ReportKind.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    number = serializers.IntegerField(min_value=1, max_value=12, default=1)
    owner = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class FigureSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="row.label", read_only=True)
    source = serializers.CharField(source="row.source", read_only=True)
    metric_key = serializers.CharField(source="row.metric_key", read_only=True)
    shown = serializers.SerializerMethodField()

    class Meta:
        model = ReportFigure
        fields = ["row", "label", "source", "metric_key", "value", "numerator", "denominator", "text", "shown"]
        read_only_fields = fields

    def get_shown(self, figure) -> str:
        return format_figure(figure)


class SectionTextSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="section.code", read_only=True)
    title = serializers.CharField(source="section.title", read_only=True)

    class Meta:
        model = ReportSectionText
        fields = ["section", "code", "title", "text"]
        read_only_fields = fields


class UnitReportSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.short_name", read_only=True)
    figures = FigureSerializer(many=True, read_only=True)
    texts = SectionTextSerializer(many=True, read_only=True)

    class Meta:
        model = UnitReport
        fields = [
            "id",
            "cycle",
            "unit",
            "unit_name",
            "status",
            "first_submitted_at",
            "submitted_at",
            "reviewed_at",
            "return_reason",
            "figures",
            "texts",
        ]
        read_only_fields = fields


class UnitReportContentSerializer(serializers.Serializer):
    texts = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False, default=dict)
    figures = serializers.DictField(
        child=serializers.DecimalField(max_digits=14, decimal_places=4, allow_null=True), required=False, default=dict
    )

    def validate(self, attrs):
        for key in ("texts", "figures"):
            try:
                attrs[key] = {int(k): v for k, v in attrs[key].items()}
            except (TypeError, ValueError) as exc:
                raise serializers.ValidationError({key: "Khóa phải là số."}) from exc
        return attrs


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField()
