from rest_framework import serializers

from organizations.models import Unit
from portal.models import Article, Category


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name", "slug", "order"]


class ArticleSerializer(serializers.ModelSerializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all(), allow_null=True, required=False)

    class Meta:
        model = Article
        fields = [
            "id",
            "unit",
            "title",
            "slug",
            "summary",
            "body",
            "category",
            "author_name",
            "featured",
            "status",
            "published_at",
            "updated_at",
        ]
        read_only_fields = ["slug", "status", "published_at", "updated_at"]


class PublishSerializer(serializers.Serializer):
    published_at = serializers.DateTimeField(required=False, allow_null=True)
