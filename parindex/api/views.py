from decimal import Decimal

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from parindex import services
from parindex.api.serializers import (
    AppraisalSerializer,
    AssessmentSerializer,
    CriteriaSetSerializer,
    CriterionSerializer,
    ScoreSerializer,
    SelfScoreSerializer,
)
from parindex.models import CriteriaSet, Criterion, Score
from parindex.selectors import assessments_visible_to, can_appraise, can_edit, totals_of


class CriteriaSetViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = CriteriaSet.objects.order_by("-year", "name")
    serializer_class = CriteriaSetSerializer


class CriterionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Criterion.objects.order_by("criteria_set", "position")
    serializer_class = CriterionSerializer
    filterset_fields = ["criteria_set"]


class AssessmentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AssessmentSerializer
    filterset_fields = ["criteria_set", "unit", "status"]

    def get_queryset(self):
        return assessments_visible_to(self.request.user).order_by("pk")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        # The page's totals in three queries, not three per row.
        self.page_totals = totals_of(list(page if page is not None else queryset))
        return page

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "totals": getattr(self, "page_totals", {})}

    @extend_schema(request=None, responses=AssessmentSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        assessment = self.get_object()
        if not can_edit(request.user, assessment):
            raise PermissionDenied
        return Response(AssessmentSerializer(services.assessment_submit(assessment=assessment, user=request.user)).data)

    @extend_schema(request=AppraisalSerializer, responses=AssessmentSerializer)
    @action(detail=True, methods=["post"])
    def appraise(self, request, pk=None):
        assessment = self.get_object()
        if not can_appraise(request.user, assessment):
            raise PermissionDenied
        serializer = AppraisalSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        decisions = {
            int(score_id): (
                Decimal(str(d["value"])) if d.get("value") is not None else None,
                str(d.get("reason", "")),
            )
            for score_id, d in serializer.validated_data["scores"].items()
        }
        assessment = services.assessment_appraise(
            assessment=assessment, decisions=decisions, finish=serializer.validated_data["finish"], user=request.user
        )
        return Response(AssessmentSerializer(assessment).data)

    @extend_schema(request=None, responses=AssessmentSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        assessment = self.get_object()
        if not can_appraise(request.user, assessment):
            raise PermissionDenied
        return Response(
            AssessmentSerializer(services.assessment_publish(assessment=assessment, user=request.user)).data
        )


class ScoreViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ScoreSerializer
    filterset_fields = ["assessment"]

    def get_queryset(self):
        return (
            Score.objects.filter(assessment__in=assessments_visible_to(self.request.user))
            .select_related("criterion")
            .prefetch_related("evidence")
            .order_by("assessment", "criterion__position")
        )

    @extend_schema(request=SelfScoreSerializer, responses=ScoreSerializer)
    @action(detail=True, methods=["post"], url_path="self-score")
    def self_score(self, request, pk=None):
        score = get_object_or_404(self.get_queryset(), pk=pk)
        if not can_edit(request.user, score.assessment):
            raise PermissionDenied
        serializer = SelfScoreSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        score = services.score_set_self(
            score=score,
            value=data["self_score"],
            comment=data["self_comment"],
            explanation=data["explanation"],
            user=request.user,
        )
        return Response(ScoreSerializer(score).data)
