from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action, api_view, parser_classes
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from organizations import permissions
from quality import services
from quality.api.serializers import (
    DocumentListImportSerializer,
    DocumentSerializer,
    DocumentUpdateSerializer,
    FollowupSerializer,
    ReviewSerializer,
    SystemSerializer,
)
from quality.models import QualityDocument, QualityReview
from quality.selectors import SystemState, system_states, systems_visible


def _state_data(state: SystemState) -> dict:
    return {
        "system": state.system.pk,
        "unit": state.unit.pk,
        "unit_name": state.unit.short_name,
        "flags": [str(f) for f in state.flags],
        "to_update": state.to_update,
        "last_audit": state.last_audit,
        "last_review": state.last_review,
        "outdated_documents": [
            {
                "id": d.document.pk,
                "code": d.document.code,
                "changed": [p.code for p in d.changed],
                "abolished": [p.code for p in d.abolished],
            }
            for d in state.outdated_documents
        ],
        "missing_procedures": [p.code for p in state.missing],
    }


class SystemViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SystemSerializer

    def get_queryset(self):
        return systems_visible(self.request.user).prefetch_related("scope").order_by("pk")

    @extend_schema(responses={200: {"type": "array", "items": {"type": "object"}}})
    @action(detail=False)
    def overview(self, request):
        """One row per unit: the computed flags and the documents to update."""
        states = system_states(systems=systems_visible(request.user), on=timezone.localdate())
        return Response([_state_data(s) for s in states])

    @extend_schema(request=FollowupSerializer, responses={201: dict})
    @action(detail=False, methods=["post"])
    def followups(self, request):
        """Turn the chosen flagged systems into one assignment per unit."""
        serializer = FollowupSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        chosen = set(serializer.validated_data["systems"])
        states = system_states(systems=systems_visible(request.user).filter(pk__in=chosen), on=timezone.localdate())
        created = services.followups_create(
            states=states, by=request.user, deadline=serializer.validated_data.get("deadline")
        )
        return Response({"assignments": [a.pk for a in created]}, status=201)


class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DocumentSerializer

    def get_queryset(self):
        queryset = QualityDocument.objects.prefetch_related("procedures").order_by("pk")
        return permissions.scoped(queryset, self.request.user, "view", field="system__unit")

    @extend_schema(request={"multipart/form-data": DocumentUpdateSerializer}, responses=DocumentSerializer)
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def reissue(self, request, pk=None):
        """A new issue of the document (version, issue date, file): clears flags from earlier changes."""
        document = get_object_or_404(self.get_queryset(), pk=pk)
        serializer = DocumentUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = services.document_update(document=document, by=request.user, **serializer.validated_data)
        return Response(DocumentSerializer(document, context={"request": request}).data)


class ReviewViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ReviewSerializer

    def get_queryset(self):
        return permissions.scoped(
            QualityReview.objects.order_by("-held_on", "pk"), self.request.user, "view", field="system__unit"
        )


@extend_schema(request={"multipart/form-data": DocumentListImportSerializer}, responses={200: dict})
@api_view(["POST"])
@parser_classes([MultiPartParser])
def import_documents(request):
    """An ISO document list (all or nothing; rows for units outside the user's scope are refused)."""
    if not (request.user.is_superuser or permissions.unit_ids(request.user, "change")):
        raise PermissionDenied
    serializer = DocumentListImportSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    upload = serializer.validated_data["file"]
    summary = services.documents_import(source=upload, filename=upload.name, user=request.user)
    return Response(summary.__dict__)
