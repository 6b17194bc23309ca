from django.contrib import admin

from portal.models import Article, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """Read here; write through the newsroom pages (the services check the communications role)."""

    list_display = ["title", "unit", "status", "published_at", "featured"]
    list_filter = ["status", "category"]
    search_fields = ["title", "slug"]
    readonly_fields = [f.name for f in Article._meta.fields]

    def has_add_permission(self, request):
        return False
