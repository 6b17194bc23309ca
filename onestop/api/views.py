import datetime as dt

from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions as drf_permissions
from rest_framework import viewsets
from rest_framework.decorators import api_view, parser_classes, permission_classes
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from accounts.audit import record_import
from core import uploads
from core.models import ImportJob
from core.pagination import CappedCountPagination
from onestop.api.serializers import (
    DossierSerializer,
    ImportJobSerializer,
    ImportSerializer,
    ProcedureSerializer,
    TargetSerializer,
)
from onestop.filtersets import DossierFilterSet, ProcedureFilterSet
from onestop.models import Dossier, Procedure, Target
from onestop.selectors import onestop_figures, unit_tree_ids
from organizations import permissions
from organizations.api.views import IsAdminOrReadOnly
from organizations.models import Unit


class ProcedureViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Procedure.objects.select_related("service_level").order_by("code")
    serializer_class = ProcedureSerializer
    filterset_class = ProcedureFilterSet


class DossierViewSet(viewsets.ReadOnlyModelViewSet):
    """Dossiers, newest first. A province holds millions: the count stops at 10,000 (`count_capped`)."""

    serializer_class = DossierSerializer
    filterset_class = DossierFilterSet
    pagination_class = CappedCountPagination

    def get_queryset(self):
        queryset = Dossier.objects.select_related("procedure").order_by("-received_on", "code")
        return permissions.scoped(queryset, self.request.user, "view", field="receiving_unit")


class TargetViewSet(viewsets.ModelViewSet):
    queryset = Target.objects.order_by("pk")
    serializer_class = TargetSerializer
    permission_classes = [drf_permissions.IsAuthenticated, IsAdminOrReadOnly]


def _date(request, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(request.query_params[name])
    except (KeyError, ValueError) as exc:
        raise ValidationError({name: "Cần ngày dạng YYYY-MM-DD."}) from exc


@extend_schema(
    parameters=[
        OpenApiParameter("from", str, required=True, description="YYYY-MM-DD"),
        OpenApiParameter("to", str, required=True, description="YYYY-MM-DD"),
        OpenApiParameter("unit", int, description="a unit id: figures for that unit and everything beneath it"),
    ],
    responses={200: dict},
)
@api_view(["GET"])
def figures(request):
    """DOMAIN §3 figures for a period: `total` and `units`, limited to the units the user may see."""
    start, end = _date(request, "from"), _date(request, "to")
    visible = permissions.unit_ids(request.user, "view")
    unit_ids = visible
    if request.query_params.get("unit"):
        unit = get_object_or_404(Unit, pk=request.query_params["unit"])
        if visible is not None and unit.pk not in visible:
            raise NotFound
        subtree = set(unit_tree_ids(unit))
        unit_ids = subtree if visible is None else subtree & visible
    return Response(onestop_figures(start=start, end=end, unit_ids=unit_ids))


def _importer(kind):
    @extend_schema(
        request={"multipart/form-data": ImportSerializer},
        responses={200: dict, 202: ImportJobSerializer},
        description="Nhập tệp (tất cả hoặc không). Tệp lớn hơn IMPORT_INLINE_MAX_MB được nhập bởi tác vụ nền: "
        "trả về 202 và lượt nhập, theo dõi tại imports/jobs/{id}/.",
    )
    @api_view(["POST"])
    @parser_classes([MultiPartParser])
    @permission_classes([drf_permissions.IsAuthenticated])
    def view(request):
        if not (request.user.is_superuser or permissions.unit_ids(request.user, "manage")):
            raise PermissionDenied
        serializer = ImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        if uploads.runs_in_background(upload):
            job = uploads.job_start(user=request.user, kind=f"onestop.{kind}", upload=upload, confirmed=True)
            location = reverse("onestop-api:import-job", args=[job.pk])
            return Response(ImportJobSerializer(job).data, status=202, headers={"Location": location})
        summary = uploads.IMPORTERS[f"onestop.{kind}"].function(source=upload, filename=upload.name)
        record_import(user=request.user, filename=upload.name, kind=f"onestop.{kind}", summary=summary, source="api")
        return Response(summary.__dict__)

    view.__name__ = f"import_{kind}"
    return view


import_procedures = _importer("procedures")
import_dossiers = _importer("dossiers")


@extend_schema(responses=ImportJobSerializer)
@api_view(["GET"])
@permission_classes([drf_permissions.IsAuthenticated])
def import_job(request, pk):
    """A background import started by this user: its state, then the summary or every error."""
    job = get_object_or_404(ImportJob, pk=pk, user=request.user, kind__startswith="onestop.")
    uploads.jobs_fail_stuck(job=job)
    return Response(ImportJobSerializer(job).data)
