import datetime as dt

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import ApplicationError
from core.periods import Period
from organizations import permissions
from organizations.models import Unit
from reports import services
from reports.api.serializers import (
    CycleOpenSerializer,
    ReportCycleSerializer,
    ReportKindSerializer,
    ReturnSerializer,
    UnitReportContentSerializer,
    UnitReportSerializer,
)
from reports.index766 import forecast_units, receiving_units
from reports.models import ReportKind
from reports.selectors import can_edit, can_review, cycles_visible_to, reporting_rate, reports_visible_to


def _run(call):
    try:
        return call()
    except ApplicationError as exc:
        raise ValidationError({"message": exc.message, "extra": exc.extra}) from exc


class ReportKindViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = ReportKind.objects.all()
    serializer_class = ReportKindSerializer


class ReportCycleViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ReportCycleSerializer
    filterset_fields = ["year", "owner"]

    def get_queryset(self):
        return cycles_visible_to(self.request.user).order_by("-end", "pk")

    @extend_schema(request=CycleOpenSerializer, responses=ReportCycleSerializer)
    @action(detail=False, methods=["post"])
    def open(self, request):
        serializer = CycleOpenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        owner = Unit.objects.filter(pk=data["owner"]).first()
        if owner is None or not permissions.can(request.user, "manage", owner.pk):
            raise PermissionDenied
        cycle = _run(
            lambda: services.report_cycle_open(
                kind=data["kind"], year=data["year"], number=data["number"], owner=owner, user=request.user
            )
        )
        return Response(ReportCycleSerializer(cycle).data, status=201)

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"])
    def rate(self, request, pk=None):
        rate = reporting_rate(self.get_object())
        return Response(
            {
                "total": rate["total"],
                "submitted": rate["submitted"],
                "counts": rate["counts"],
                "effective_due": rate["effective_due"].isoformat(),
                "units": [
                    {
                        "unit": row.report.unit.short_name,
                        "report": row.report.pk,
                        "status": row.report.status,
                        "timeliness": row.timeliness,
                        "late_working_days": row.late_days,
                    }
                    for row in rate["rows"]
                ],
            }
        )


class UnitReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = UnitReportSerializer
    filterset_fields = ["cycle", "unit", "status"]

    def get_queryset(self):
        return reports_visible_to(self.request.user).prefetch_related("figures__row", "texts__section").order_by("pk")

    def _report(self, pk):
        if not str(pk).isdigit():
            raise NotFound
        return get_object_or_404(self.get_queryset(), pk=pk)

    @extend_schema(request=UnitReportContentSerializer, responses=UnitReportSerializer)
    @action(detail=True, methods=["post"])
    def content(self, request, pk=None):
        report = self._report(pk)
        if not can_edit(request.user, report):
            raise PermissionDenied
        serializer = UnitReportContentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        _run(
            lambda: services.unit_report_save(
                report=report, texts=data["texts"], figures=data["figures"], user=request.user
            )
        )
        return Response(UnitReportSerializer(self._report(pk)).data)

    @extend_schema(request=None, responses=UnitReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        report = self._report(pk)
        if not can_edit(request.user, report):
            raise PermissionDenied
        _run(lambda: services.unit_report_submit(report=report, user=request.user))
        return Response(UnitReportSerializer(self._report(pk)).data)

    @extend_schema(request=None, responses=UnitReportSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        report = self._report(pk)
        if not can_review(request.user, report):
            raise PermissionDenied
        _run(lambda: services.unit_report_accept(report=report, user=request.user))
        return Response(UnitReportSerializer(self._report(pk)).data)

    @extend_schema(request=ReturnSerializer, responses=UnitReportSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        report = self._report(pk)
        if not can_review(request.user, report):
            raise PermissionDenied
        serializer = ReturnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        _run(
            lambda: services.unit_report_return(
                report=report, reason=serializer.validated_data["reason"], user=request.user
            )
        )
        return Response(UnitReportSerializer(self._report(pk)).data)


class Index766View(APIView):
    """The Decision 766 forecast (an estimate) per unit for a period: ?from=YYYY-MM-DD&to=YYYY-MM-DD[&unit=id]."""

    @extend_schema(
        parameters=[
            OpenApiParameter("from", str, required=True),
            OpenApiParameter("to", str, required=True),
            OpenApiParameter("unit", int, required=False),
        ],
        responses={200: dict},
    )
    def get(self, request):
        try:
            period = Period(
                dt.date.fromisoformat(request.query_params.get("from", "")),
                dt.date.fromisoformat(request.query_params.get("to", "")),
            )
        except ValueError as exc:
            raise ValidationError({"message": "Cần from và to dạng YYYY-MM-DD, to sau from."}) from exc
        view = permissions.unit_ids(request.user, "view")
        unit = request.query_params.get("unit")
        if unit:
            if not unit.isdecimal() or (view is not None and int(unit) not in view):
                raise NotFound
            units = [get_object_or_404(Unit, pk=int(unit))]
        else:
            units = receiving_units(period, view)
        rule_set, forecasts = forecast_units(units, period)
        return Response(
            {
                "period": period.as_dict(),
                "estimate": True,
                "rule_set": rule_set.name if rule_set else None,
                "units": [forecast.as_dict() for forecast in forecasts],
            }
        )
