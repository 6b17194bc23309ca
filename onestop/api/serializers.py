from rest_framework import serializers

from core.models import ImportJob
from onestop.models import Dossier, Procedure, Target


class ProcedureSerializer(serializers.ModelSerializer):
    service_level = serializers.CharField(source="service_level.code", read_only=True)
    online_capable = serializers.BooleanField(source="service_level.online_capable", read_only=True)

    class Meta:
        model = Procedure
        fields = [
            "id",
            "code",
            "name",
            "field",
            "tier",
            "service_level",
            "online_capable",
            "processing_days",
            "owner_unit",
        ]


class DossierSerializer(serializers.ModelSerializer):
    procedure = serializers.CharField(source="procedure.code", read_only=True)

    class Meta:
        model = Dossier
        fields = [
            "id",
            "code",
            "procedure",
            "receiving_unit",
            "deciding_unit",
            "channel",
            "received_on",
            "due_on",
            "completed_on",
            "postal_return",
        ]


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Target
        fields = ["id", "name", "metric", "comparison", "threshold", "unit", "group", "year", "legal_basis"]


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField()

    def validate_file(self, upload):
        """The same upload policy as the page (size, type by content, archive limits, virus scan)."""
        from core import files
        from core.errors import ApplicationError

        try:
            files.check_import(upload)
        except ApplicationError as exc:
            raise serializers.ValidationError(exc.message) from exc
        return upload


class ImportJobSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImportJob
        fields = ["id", "kind", "filename", "state", "summary", "message", "errors", "created_at", "updated_at"]
