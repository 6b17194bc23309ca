from rest_framework import serializers

from organizations.models import Unit
from plans.models import Activity, Plan, PlanKind, PlanRequirement


class PlanKindSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanKind
        fields = ["id", "code", "name", "order", "is_active"]


class PlanSerializer(serializers.ModelSerializer):
    kind = serializers.SlugRelatedField(slug_field="code", read_only=True)
    issuing_unit = serializers.StringRelatedField()
    sections = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = ["id", "kind", "year", "issuing_unit", "number", "date", "title", "signer", "parent", "sections"]

    def get_sections(self, plan) -> list[str]:
        return [s.title for s in plan.sections.all()]


class ActivitySerializer(serializers.ModelSerializer):
    section = serializers.StringRelatedField()
    assignments = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = [
            "id",
            "plan",
            "section",
            "number",
            "content",
            "leads",
            "coordinators",
            "deadline",
            "output",
            "assignments",
        ]

    def get_assignments(self, activity) -> list[dict]:
        return [
            {
                "id": link.assignment_id,
                "lead_unit": str(link.assignment.lead_unit),
                "done": bool(link.assignment.done_at),
            }
            for link in activity.links.all()
        ]


class PlanImportSerializer(serializers.Serializer):
    file = serializers.FileField()
    kind = serializers.SlugRelatedField(slug_field="code", queryset=PlanKind.objects.filter(is_active=True))
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    issuing_unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())
    number = serializers.CharField(max_length=100, required=False, default="")
    date = serializers.DateField(required=False, allow_null=True, default=None)
    dry_run = serializers.BooleanField(required=False, default=False)


class RequirementSerializer(serializers.ModelSerializer):
    kind = serializers.SlugRelatedField(slug_field="code", read_only=True)
    requiring_unit = serializers.StringRelatedField()
    group = serializers.StringRelatedField()

    class Meta:
        model = PlanRequirement
        fields = ["id", "kind", "year", "requiring_unit", "group", "due_date", "parent_plan"]
