"""REST API over the same services and the same permission rule as the pages.

Plain records are viewsets; each workflow step is its own endpoint (`…/assignments/{id}/report/`,
`…/reports/{id}/accept/`…). Objects outside the user's scope are 404.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from assignments import selectors, services
from assignments.api.serializers import (
    AssignmentSerializer,
    DirectiveItemSerializer,
    DirectiveSerializer,
    ExtensionInputSerializer,
    ExtensionRequestSerializer,
    IssueSerializer,
    ItemInputSerializer,
    NoteSerializer,
    ParseSerializer,
    ProgressReportSerializer,
    PublicitySerializer,
    ReassignSerializer,
    ReportInputSerializer,
)
from assignments.filtersets import AssignmentFilterSet
from assignments.models import Assignment, DirectiveItem, ExtensionRequest, ProgressReport
from core.errors import ApplicationError
from organizations import permissions
from organizations.models import Unit


def _unit(user, pk, action="directory") -> Unit:
    if pk is None or not permissions.can(user, action, pk):
        raise NotFound
    return get_object_or_404(Unit, pk=pk)


def _item_inputs(data) -> list[services.ItemInput]:
    return [services.ItemInput(**item) for item in data]


def _match_dict(match) -> dict:
    return {
        "name": match.name,
        "unit": match.unit.pk if match.unit else None,
        "group": match.group.pk if match.group else None,
        "matched": match.matched,
        "suggestions": list(match.suggestions),
    }


def _resolved(items, issuing_unit) -> list[dict]:
    resolved = services.resolve_items(items, index=selectors.name_index_for(issuing_unit))
    return [
        {
            **ItemInputSerializer(r.item).data,
            "recipient_matches": [_match_dict(m) for m in r.recipients],
            "coordinator_matches": [_match_dict(m) for m in r.coordinators],
            "errors": r.errors,
        }
        for r in resolved
    ]


class DirectiveViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Directives. Create = a draft from the notice's `text` (parsed); `issue` issues it."""

    serializer_class = DirectiveSerializer

    def get_queryset(self):
        return (
            selectors.directive_list(user=self.request.user)
            .prefetch_related(Prefetch("items", queryset=DirectiveItem.objects.order_by("order")))
            .order_by("-date", "-pk")
        )

    def perform_create(self, serializer):
        data = serializer.validated_data
        unit = _unit(self.request.user, data["issuing_unit"].pk, "manage")
        serializer.instance = services.directive_create(
            issuing_unit=unit,
            date=data["date"],
            created_by=self.request.user,
            text=data.get("text", ""),
            number=data.get("number", ""),
            title=data.get("title", ""),
            signer=data.get("signer", ""),
        )

    @extend_schema(request=ParseSerializer, responses={200: ItemInputSerializer(many=True)})
    @action(detail=False, methods=["post"])
    def parse(self, request):
        """Parse a notice's text and match its names, without writing anything."""
        serializer = ParseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        unit = _unit(request.user, serializer.validated_data["issuing_unit"], "manage")
        items = services.parse_notice(text=serializer.validated_data["text"], issuing_unit=unit)
        return Response(_resolved(items, unit))

    @extend_schema(request=ItemInputSerializer(many=True), responses={200: ItemInputSerializer(many=True)})
    @action(detail=True, methods=["put"], url_path="items")
    def save_items(self, request, pk=None):
        """Replace a draft's items (the review screen's edits) without issuing; returns them with matches."""
        directive = self.get_object()
        serializer = ItemInputSerializer(data=request.data, many=True)
        serializer.is_valid(raise_exception=True)
        items = _item_inputs(serializer.validated_data)
        services.directive_save_items(directive=directive, items=items, user=request.user)
        return Response(_resolved(items, directive.issuing_unit))

    @extend_schema(request=IssueSerializer, responses={200: AssignmentSerializer(many=True)})
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        """ "Ban hành": optional edited `items` replace the draft's; all-or-nothing."""
        directive = self.get_object()
        if not permissions.can(request.user, "manage", directive.issuing_unit_id):
            raise NotFound
        serializer = IssueSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        items = serializer.validated_data.get("items")
        created = services.directive_issue(
            directive=directive, issued_by=request.user, items=_item_inputs(items) if items is not None else None
        )
        queryset = selectors.with_status(Assignment.objects.filter(pk__in=[a.pk for a in created])).prefetch_related(
            "coordinators"
        )
        return Response(AssignmentSerializer(queryset.select_related("lead_unit", "item"), many=True).data)

    @extend_schema(request=PublicitySerializer, responses={200: DirectiveSerializer})
    @action(detail=True, methods=["post"])
    def public(self, request, pk=None):
        """Show (`is_public: true`) or stop showing an issued directive's progress on the public site."""
        directive = self.get_object()
        if not permissions.can(request.user, "manage", directive.issuing_unit_id):
            raise NotFound
        serializer = PublicitySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.directive_set_public(
            directive=directive, is_public=serializer.validated_data["is_public"], user=request.user
        )
        return Response(DirectiveSerializer(self.get_object()).data)


class DirectiveItemViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DirectiveItemSerializer
    filterset_fields = ["directive", "kind"]

    def get_queryset(self):
        directives = selectors.directive_list(user=self.request.user).values("pk")
        return DirectiveItem.objects.filter(directive__in=directives).order_by("directive", "order")


class AssignmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Assignments the user may see, filterable like the inbox (`q`, `status`, `role`, `directive`…)."""

    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilterSet

    def get_queryset(self):
        return (
            selectors.assignment_list(user=self.request.user)
            .prefetch_related("coordinators")
            .order_by("deadline", "pk")
        )

    def filter_queryset(self, queryset):
        filterset = AssignmentFilterSet(self.request.query_params, queryset=queryset, user=self.request.user)
        if not filterset.is_valid():
            raise ApplicationError("Bộ lọc không hợp lệ.", extra=filterset.errors)
        return filterset.qs

    def perform_create(self, serializer):
        """A standalone assignment; the user must manage the assigning unit (the lead unit's parent)."""
        data = serializer.validated_data
        lead = _unit(self.request.user, data["lead_unit"].pk)
        assigning = lead.parent or lead
        if not permissions.can(self.request.user, "manage", assigning.pk):
            raise ApplicationError("Bạn không có quyền giao nhiệm vụ cho đơn vị này.")
        deadline = data.get("deadline")
        if deadline and deadline < timezone.localdate():
            raise ApplicationError("Thời hạn đã qua: hãy chọn một ngày từ hôm nay trở đi.")
        created = services.assignment_create(
            lead_unit=lead,
            content=data["content"],
            deadline=deadline,
            created_by=self.request.user,
            source_label=data.get("source_label", ""),
            coordinators=[_unit(self.request.user, u.pk) for u in data.get("coordinators", [])],
        )
        serializer.instance = selectors.with_status(Assignment.objects.filter(pk=created.pk)).get()

    def perform_update(self, serializer):
        """The assigning side corrects content, deadline or coordinators (PATCH)."""
        assignment = self._get(serializer.instance.pk, "manage")
        data = serializer.validated_data
        if "lead_unit" in data and data["lead_unit"].pk != assignment.lead_unit_id:
            raise ApplicationError("Đổi đơn vị chủ trì bằng thao tác «reassign».")
        services.assignment_update(
            assignment=assignment,
            by=self.request.user,
            content=data.get("content"),
            deadline=data["deadline"] if "deadline" in data else ...,
            coordinators=[_unit(self.request.user, u.pk) for u in data["coordinators"]]
            if "coordinators" in data
            else None,
        )
        serializer.instance = self._get(assignment.pk)

    def _get(self, pk, action="view") -> Assignment:
        try:
            return (
                self.get_queryset()
                .filter(pk__in=Assignment.objects.visible_to(self.request.user, action).values("pk"))
                .get(pk=pk)
            )
        except Assignment.DoesNotExist:
            raise NotFound from None

    def _fresh(self, assignment) -> Response:
        return Response(self.get_serializer(self._get(assignment.pk)).data)

    @extend_schema(request=ReportInputSerializer, responses={201: ProgressReportSerializer})
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        """Post a progress report (multipart for `files`); `is_final` sends it for review."""
        assignment = self._get(pk)
        serializer = ReportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        unit = _unit(request.user, data.get("unit") or assignment.lead_unit_id, "change")
        files = request.FILES.getlist("files") if hasattr(request, "FILES") else data["files"]
        report = services.progress_report_submit(
            assignment=assignment,
            unit=unit,
            author=request.user,
            text=data["text"],
            percent=data["percent"],
            is_final=data["is_final"],
            explanation=data["explanation"],
            files=files,
        )
        return Response(ProgressReportSerializer(report, context={"request": request}).data, status=201)

    @extend_schema(request=ExtensionInputSerializer, responses={201: ExtensionRequestSerializer})
    @action(detail=True, methods=["post"])
    def extension(self, request, pk=None):
        """Ask for a new deadline (the lead unit)."""
        assignment = self._get(pk, "change")
        serializer = ExtensionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        extension = services.extension_request_create(
            assignment=assignment,
            unit=assignment.lead_unit,
            requested_by=request.user,
            requested_deadline=serializer.validated_data.get("requested_deadline"),
            reason=serializer.validated_data["reason"],
        )
        return Response(ExtensionRequestSerializer(extension).data, status=201)

    @extend_schema(request=NoteSerializer, responses={200: AssignmentSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        assignment = self._get(pk, "manage")
        note = NoteSerializer(data=request.data)
        note.is_valid(raise_exception=True)
        services.assignment_cancel(assignment=assignment, cancelled_by=request.user, reason=note.validated_data["note"])
        return self._fresh(assignment)

    @extend_schema(request=ReassignSerializer, responses={200: AssignmentSerializer})
    @action(detail=True, methods=["post"])
    def reassign(self, request, pk=None):
        assignment = self._get(pk, "manage")
        serializer = ReassignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        unit = _unit(request.user, serializer.validated_data["lead_unit"])
        services.assignment_reassign(assignment=assignment, lead_unit=unit, by=request.user)
        return self._fresh(assignment)


class ProgressReportViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProgressReportSerializer
    filterset_fields = ["assignment", "unit", "review_state", "is_final"]

    def get_queryset(self):
        visible = Assignment.objects.visible_to(self.request.user).values("pk")
        return (
            ProgressReport.objects.filter(assignment__in=visible)
            .prefetch_related("attachments")
            .order_by("-created_at", "-pk")
        )

    def _review(self, request, pk, service):
        manageable = Assignment.objects.visible_to(request.user, "manage").values("pk")
        report = get_object_or_404(ProgressReport.objects.filter(assignment__in=manageable), pk=pk)
        note = NoteSerializer(data=request.data)
        note.is_valid(raise_exception=True)
        report = service(report=report, reviewer=request.user, note=note.validated_data["note"])
        return Response(self.get_serializer(report).data, status=status.HTTP_200_OK)

    @extend_schema(request=NoteSerializer, responses={200: ProgressReportSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The assigning side accepts the final report: the assignment is done."""
        return self._review(request, pk, services.progress_report_accept)

    @extend_schema(request=NoteSerializer, responses={200: ProgressReportSerializer})
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        """Send the final report back with a reason (`note`, required)."""
        return self._review(request, pk, services.progress_report_return)


class ExtensionRequestViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ExtensionRequestSerializer
    filterset_fields = ["assignment", "decision"]

    def get_queryset(self):
        visible = Assignment.objects.visible_to(self.request.user).values("pk")
        return ExtensionRequest.objects.filter(assignment__in=visible).order_by("-created_at", "-pk")

    def _decide(self, request, pk, service):
        manageable = Assignment.objects.visible_to(request.user, "manage").values("pk")
        extension = get_object_or_404(ExtensionRequest.objects.filter(assignment__in=manageable), pk=pk)
        note = NoteSerializer(data=request.data)
        note.is_valid(raise_exception=True)
        extension = service(extension=extension, decided_by=request.user, note=note.validated_data["note"])
        return Response(self.get_serializer(extension).data)

    @extend_schema(request=NoteSerializer, responses={200: ExtensionRequestSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, pk, services.extension_approve)

    @extend_schema(request=NoteSerializer, responses={200: ExtensionRequestSerializer})
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        return self._decide(request, pk, services.extension_refuse)
