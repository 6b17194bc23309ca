from django.contrib import admin

from core.models import CalendarDay, ImportJob


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    search_fields = ["name"]
    date_hierarchy = "date"


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Read-only: jobs are written by the import pages and the task worker."""

    list_display = ["filename", "kind", "user", "state", "created_at", "updated_at"]
    list_filter = ["state", "kind"]
    search_fields = ["filename", "user__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
