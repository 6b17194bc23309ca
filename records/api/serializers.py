from django.urls import reverse
from rest_framework import serializers

from records.models import ArchiveBacklog, FileList, SortingProgress, WorkFile, WorkFileCount


class FileListSerializer(serializers.ModelSerializer):
    file = serializers.SerializerMethodField()

    def get_file(self, obj) -> str | None:
        # Downloaded through the permission-checked view, never from a public media URL.
        return reverse("records:file_list_file", args=[obj.pk]) if obj.file else None

    class Meta:
        model = FileList
        fields = ["id", "unit", "year", "decision_number", "approved_on", "file"]


class WorkFileSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkFile
        fields = ["id", "unit", "year", "code", "title", "retention", "started_on", "ended_on", "deposited_on"]


class BacklogSerializer(serializers.ModelSerializer):
    class Meta:
        model = ArchiveBacklog
        fields = ["id", "unit", "total_metres", "note"]


class ProgressSerializer(serializers.ModelSerializer):
    class Meta:
        model = SortingProgress
        fields = ["id", "backlog", "recorded_on", "metres", "note"]
        read_only_fields = ["backlog"]


class WorkFileListImportSerializer(serializers.Serializer):
    file = serializers.FileField()


class WorkFileCountSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkFileCount
        fields = ["id", "unit", "year", "opened", "closed", "due", "deposited_on_time"]
