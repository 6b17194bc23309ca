from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from core.errors import ApplicationError
from core.tabular import ImportFailed
from organizations import permissions
from plans import selectors, services
from plans.api.serializers import (
    ActivitySerializer,
    PlanImportSerializer,
    PlanKindSerializer,
    PlanSerializer,
    RequirementSerializer,
)
from plans.models import Activity, PlanKind


def _int_param(request, name: str, low: int = 1, high: int = 2**31 - 1) -> int | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except ValueError:
        raise ApplicationError(_("Tham số «%(name)s» phải là số.") % {"name": name}) from None
    if not low <= number <= high:
        raise ApplicationError(
            _("Tham số «%(name)s» phải từ %(low)s đến %(high)s.") % {"name": name, "low": low, "high": high}
        )
    return number


class PlanKindViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = PlanKind.objects.all()
    serializer_class = PlanKindSerializer


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PlanSerializer

    def get_queryset(self):
        queryset = selectors.plan_list(user=self.request.user).prefetch_related("sections").order_by("-year", "pk")
        year = _int_param(self.request, "year", 2000, 2100)
        if year is not None:
            queryset = queryset.filter(year=year)
        if self.request.query_params.get("kind"):
            queryset = queryset.filter(kind__code=self.request.query_params["kind"])
        return queryset

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"])
    def progress(self, request, pk=None):
        """Completion overall, by section and by lead unit (what the plan page's bars show)."""
        progress = selectors.plan_progress(self.get_object())

        def row(p):
            return {"label": p.label, "total": p.total, "done": p.done, "waiting": p.waiting, "overdue": p.overdue}

        return Response(
            {
                "total": row(progress.total),
                "sections": [row(s) for s in progress.sections],
                "units": [row(u) for u in progress.units],
                "overdue": [a.pk for a in progress.overdue],
            }
        )

    @extend_schema(request={"multipart/form-data": PlanImportSerializer}, responses={201: dict, 200: dict})
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_plan(self, request):
        """Import a plan's task table (all-or-nothing; 400 with every row error). `dry_run` only reads."""
        serializer = PlanImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        unit = data["issuing_unit"]
        if not permissions.can(request.user, "manage", unit.pk):
            raise ApplicationError(_("Bạn không có quyền ban hành kế hoạch thay đơn vị này."))
        content = data["file"].read()
        if data["dry_run"]:
            preview = services.plan_read(
                source=content,
                filename=data["file"].name,
                year=data["year"],
                index=services.name_index(unit),
                user=request.user,
            )
            if preview.errors:
                raise ImportFailed(preview.errors)
            return Response(preview.parsed.as_dict())
        summary = services.plan_import(
            source=content,
            filename=data["file"].name,
            kind=data["kind"],
            year=data["year"],
            issuing_unit=unit,
            created_by=request.user,
            number=data["number"],
            date=data["date"],
        )
        return Response(
            {"plan": summary.plan.pk, "activities": summary.activities, "assignments": summary.assignments},
            status=status.HTTP_201_CREATED,
        )


class ActivityViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ActivitySerializer

    def get_queryset(self):
        plans = selectors.plan_list(user=self.request.user).values("pk")
        queryset = (
            Activity.objects.filter(plan__in=plans)
            .select_related("section")
            .prefetch_related("links__assignment__lead_unit")
            .order_by("plan", "order")
        )
        plan = _int_param(self.request, "plan")
        if plan is not None:
            queryset = queryset.filter(plan=plan)
        return queryset


class RegisterViewSet(viewsets.ReadOnlyModelViewSet):
    """Requirements to issue units' own plans; `…/{id}/rows/` is the register, `…/{id}/remind/` reminds."""

    serializer_class = RequirementSerializer

    def get_queryset(self):
        return selectors.requirement_list(user=self.request.user).order_by("-year", "pk")

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"])
    def rows(self, request, pk=None):
        requirement = self.get_object()
        return Response(
            [
                {
                    "unit": row.unit.pk,
                    "unit_name": str(row.unit),
                    "state": row.state.value,
                    "plan": row.plan.pk if row.plan else None,
                    "number": row.plan.number if row.plan else None,
                    "date": row.plan.date.isoformat() if row.plan else None,
                }
                for row in selectors.register_rows(requirement=requirement)
            ]
        )

    @extend_schema(request=None, responses={200: dict})
    @action(detail=True, methods=["post"])
    def remind(self, request, pk=None):
        requirement = self.get_object()
        if not permissions.can(request.user, "manage", requirement.requiring_unit_id):
            raise Http404
        return Response({"sent": services.register_remind(requirement=requirement, by=request.user)})
