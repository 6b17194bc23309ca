from django.urls import reverse
from rest_framework import serializers

from core.api import MAX_ID
from quality.models import QualityDocument, QualityReview, QualitySystem


def _file_url(kind: str, obj, field: str) -> str | None:
    """Files are downloaded through the permission-checked view, never from a public media URL."""
    return reverse("quality:file", args=[kind, obj.pk]) if getattr(obj, field) else None


class DocumentSerializer(serializers.ModelSerializer):
    procedures = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    file = serializers.SerializerMethodField()

    def get_file(self, obj) -> str | None:
        return _file_url("quy-trinh", obj, "file")

    class Meta:
        model = QualityDocument
        fields = ["id", "system", "code", "title", "version", "issued_on", "file", "procedures"]


class SystemSerializer(serializers.ModelSerializer):
    scope = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    announcement_file = serializers.SerializerMethodField()

    def get_announcement_file(self, obj) -> str | None:
        return _file_url("cong-bo", obj, "announcement_file")

    class Meta:
        model = QualitySystem
        fields = ["id", "unit", "host", "scope", "announcement_number", "announcement_date", "announcement_file"]


class ReviewSerializer(serializers.ModelSerializer):
    report_file = serializers.SerializerMethodField()

    def get_report_file(self, obj) -> str | None:
        return _file_url("bao-cao", obj, "report_file")

    class Meta:
        model = QualityReview
        fields = ["id", "system", "kind", "held_on", "findings", "report_file"]


class DocumentUpdateSerializer(serializers.Serializer):
    version = serializers.CharField(max_length=20)
    issued_on = serializers.DateField()
    file = serializers.FileField(required=False)


class FollowupSerializer(serializers.Serializer):
    systems = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID), allow_empty=False)
    deadline = serializers.DateField(required=False, allow_null=True)


class DocumentListImportSerializer(serializers.Serializer):
    file = serializers.FileField()
