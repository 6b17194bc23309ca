from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action, api_view, parser_classes
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from organizations import permissions
from records import services
from records.api.serializers import (
    BacklogSerializer,
    FileListSerializer,
    ProgressSerializer,
    WorkFileCountSerializer,
    WorkFileListImportSerializer,
    WorkFileSerializer,
)
from records.models import ArchiveBacklog, FileList, WorkFile, WorkFileCount
from records.selectors import records_overview, reporting_units, work_file_rows


class FileListViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = FileListSerializer
    filterset_fields = ["year", "unit"]

    def get_queryset(self):
        return permissions.scoped(FileList.objects.order_by("-year", "pk"), self.request.user, "view")


class WorkFileViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = WorkFileSerializer
    filterset_fields = ["year", "unit"]

    def get_queryset(self):
        return permissions.scoped(WorkFile.objects.order_by("pk"), self.request.user, "view")

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        rows = {
            r.work_file.pk: r
            for r in work_file_rows(
                WorkFile.objects.filter(pk__in=[f["id"] for f in response.data["results"]]), on=timezone.localdate()
            )
        }
        for item in response.data["results"]:
            row = rows[item["id"]]
            item["deposit_deadline"], item["deposit_state"] = row.deadline, str(row.state.value)
        return response


class WorkFileCountViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = WorkFileCountSerializer
    filterset_fields = ["year", "unit"]

    def get_queryset(self):
        return permissions.scoped(WorkFileCount.objects.order_by("-year", "pk"), self.request.user, "view")


class BacklogViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = BacklogSerializer

    def get_queryset(self):
        return permissions.scoped(ArchiveBacklog.objects.order_by("pk"), self.request.user, "view")

    @extend_schema(request=ProgressSerializer, responses={201: ProgressSerializer})
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        """Record metres sorted since the last entry."""
        backlog = get_object_or_404(self.get_queryset(), pk=pk)
        serializer = ProgressSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entry = services.sorting_progress_record(backlog=backlog, by=request.user, **serializer.validated_data)
        return Response(ProgressSerializer(entry).data, status=201)


def _flag(flag) -> dict:
    if flag is None:
        return {"total": 0, "known": 0, "yes": 0, "rate": None}
    rate = None if flag.rate is None else round(float(flag.rate), 4)
    return {"total": flag.total, "known": flag.known, "yes": flag.yes, "rate": rate}


@extend_schema(
    parameters=[OpenApiParameter("year", int)], responses={200: {"type": "array", "items": {"type": "object"}}}
)
@api_view(["GET"])
def overview(request):
    """Per unit for a year: file list approved, deposits due and on time, backlog, reported or not."""
    raw = request.query_params.get("year") or str(timezone.localdate().year)
    if not raw.isdecimal() or not 2000 <= int(raw) <= 2100:
        raise ValidationError({"year": "Cần năm từ 2000 đến 2100."})
    rows = records_overview(units=reporting_units(request.user), year=int(raw), on=timezone.localdate())
    return Response(
        [
            {
                "unit": r.unit.pk,
                "unit_name": r.unit.short_name,
                "file_list_approved_on": r.file_list.approved_on if r.file_list else None,
                "due": r.due,
                "on_time": r.on_time,
                "overdue": r.overdue,
                "backlog_total": r.backlog.total if r.backlog else None,
                "backlog_remaining": r.backlog.remaining if r.backlog else None,
                "backlog_sorted_this_year": r.backlog.sorted_this_year if r.backlog else None,
                "reported": r.reported,
                "from_counts": r.from_counts,
                # Rates over the dossiers whose export gave the column; null = no data (never 0).
                "digitised": _flag(r.digitisation.digitised if r.digitisation else None),
                "electronic_results": _flag(r.digitisation.electronic if r.digitisation else None),
            }
            for r in rows
        ]
    )


@extend_schema(request={"multipart/form-data": WorkFileListImportSerializer}, responses={200: dict})
@api_view(["POST"])
@parser_classes([MultiPartParser])
def import_work_files(request):
    if not (request.user.is_superuser or permissions.unit_ids(request.user, "change")):
        raise PermissionDenied
    serializer = WorkFileListImportSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    upload = serializer.validated_data["file"]
    summary = services.work_files_import(source=upload, filename=upload.name, user=request.user)
    return Response(summary.__dict__)
