from rest_framework import serializers

from assignments.choices import ItemKind
from assignments.models import Assignment, Directive, DirectiveItem, ExtensionRequest, ProgressReport


class DirectiveItemSerializer(serializers.ModelSerializer):
    recipients = serializers.ListField(child=serializers.CharField(), read_only=True)
    coordinators = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = DirectiveItem
        fields = [
            "id", "directive", "order", "kind", "content", "recipients", "coordinators", "deadline", "raw_text", "why",
        ]  # fmt: skip
        read_only_fields = ["why"]  # the source sentence, the spans read in it and the deadline's rule


class DirectiveSerializer(serializers.ModelSerializer):
    items = DirectiveItemSerializer(many=True, read_only=True)
    text = serializers.CharField(write_only=True, required=False, allow_blank=True)

    class Meta:
        model = Directive
        fields = [
            "id",
            "number",
            "date",
            "title",
            "signer",
            "issuing_unit",
            "meeting",
            "status",
            "issued_at",
            "is_public",
            "items",
            "text",
        ]
        read_only_fields = ["status", "issued_at", "meeting", "is_public", "items"]


class ItemInputSerializer(serializers.Serializer):
    """An item as the review screen sends it: names as written, matched on the server."""

    kind = serializers.ChoiceField(choices=ItemKind.choices, default=ItemKind.ASSIGN)
    content = serializers.CharField()
    recipients = serializers.ListField(child=serializers.CharField(), allow_empty=True)
    coordinators = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    raw_text = serializers.CharField(required=False, allow_blank=True, default="")


class ParseSerializer(serializers.Serializer):
    issuing_unit = serializers.IntegerField()
    text = serializers.CharField(allow_blank=True, trim_whitespace=False)


class IssueSerializer(serializers.Serializer):
    items = ItemInputSerializer(many=True, required=False)


class PublicitySerializer(serializers.Serializer):
    is_public = serializers.BooleanField()


class AssignmentSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True)
    status_label = serializers.SerializerMethodField()
    lead_unit_name = serializers.CharField(source="lead_unit.short_name", read_only=True)
    directive = serializers.IntegerField(source="item.directive_id", read_only=True, default=None, allow_null=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "content",
            "kind",
            "lead_unit",
            "lead_unit_name",
            "coordinators",
            "assigning_unit",
            "item",
            "directive",
            "group",
            "source_label",
            "deadline",
            "original_deadline",
            "done_at",
            "cancelled_at",
            "status",
            "status_label",
            "created_at",
        ]
        read_only_fields = [
            "kind",
            "item",
            "assigning_unit",
            "group",
            "original_deadline",
            "done_at",
            "cancelled_at",
            "created_at",
        ]

    def get_status_label(self, assignment) -> str:
        return str(assignment.status.label)


class ProgressReportSerializer(serializers.ModelSerializer):
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "assignment",
            "unit",
            "author",
            "text",
            "percent",
            "is_final",
            "explanation",
            "review_state",
            "reviewed_by",
            "reviewed_at",
            "review_note",
            "created_at",
            "attachments",
        ]

    def get_attachments(self, report) -> list[dict]:
        request = self.context.get("request")
        return [
            {
                "id": a.pk,
                "name": a.name,
                "size": a.size,
                "url": request.build_absolute_uri(a.get_absolute_url()) if request else a.get_absolute_url(),
            }
            for a in report.attachments.all()
        ]


class ReportInputSerializer(serializers.Serializer):
    unit = serializers.IntegerField(required=False, help_text="mặc định: đơn vị chủ trì")
    text = serializers.CharField()
    percent = serializers.IntegerField(min_value=0, max_value=100, default=0)
    is_final = serializers.BooleanField(default=False)
    explanation = serializers.CharField(required=False, allow_blank=True, default="")
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class ExtensionInputSerializer(serializers.Serializer):
    requested_deadline = serializers.DateField(required=False, allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ExtensionRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExtensionRequest
        fields = [
            "id",
            "assignment",
            "unit",
            "requested_by",
            "reason",
            "previous_deadline",
            "requested_deadline",
            "decision",
            "decided_by",
            "decided_at",
            "decision_note",
            "created_at",
        ]
        read_only_fields = [
            "unit",
            "requested_by",
            "previous_deadline",
            "decision",
            "decided_by",
            "decided_at",
            "decision_note",
            "created_at",
        ]


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReassignSerializer(serializers.Serializer):
    lead_unit = serializers.IntegerField()
