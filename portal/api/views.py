from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from portal import selectors, services
from portal.api.serializers import ArticleSerializer, CategorySerializer, PublishSerializer
from portal.models import Category

FIELDS = ("title", "summary", "body", "category", "featured", "author_name")


class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CategorySerializer
    queryset = Category.objects.order_by("order", "name")


class ArticleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Articles of the units the user writes news for (the communications role); writes go through
    portal.services, which asks organizations.permissions."""

    serializer_class = ArticleSerializer
    filterset_fields = ["status", "category", "unit"]

    def get_queryset(self):
        return selectors.articles_for_staff(user=self.request.user).order_by("-updated_at", "-pk")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.article_create(
            user=self.request.user, unit=data["unit"], **{k: data[k] for k in FIELDS if k in data}
        )

    def perform_update(self, serializer):
        article, data = serializer.instance, serializer.validated_data
        fields = {k: data.get(k, getattr(article, k)) for k in FIELDS}  # PATCH keeps what it does not send
        serializer.instance = services.article_update(
            user=self.request.user, article=article, unit=data.get("unit"), **fields
        )

    @extend_schema(request=PublishSerializer, responses={200: ArticleSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        article = get_object_or_404(self.get_queryset(), pk=pk)
        serializer = PublishSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        article = services.article_publish(
            user=request.user, article=article, published_at=serializer.validated_data.get("published_at")
        )
        return Response(ArticleSerializer(article).data)

    @extend_schema(request=None, responses={200: ArticleSerializer})
    @action(detail=True, methods=["post"])
    def unpublish(self, request, pk=None):
        article = get_object_or_404(self.get_queryset(), pk=pk)
        return Response(ArticleSerializer(services.article_unpublish(user=request.user, article=article)).data)
