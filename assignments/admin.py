"""Admin for system administrators. Day-to-day work goes through the pages and their services;
statuses are computed, so there is nothing to edit here but plain data."""

from django.contrib import admin

from assignments import models


class ItemInline(admin.TabularInline):
    model = models.DirectiveItem
    extra = 0
    fields = ["order", "kind", "recipients_text", "deadline", "content"]


@admin.register(models.Directive)
class DirectiveAdmin(admin.ModelAdmin):
    list_display = ["number", "date", "issuing_unit", "status"]
    list_filter = ["status"]
    search_fields = ["number", "title"]
    inlines = [ItemInline]
    raw_id_fields = ["issuing_unit", "meeting", "created_by", "issued_by"]


@admin.register(models.Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["pk", "lead_unit", "deadline", "done_at", "cancelled_at"]
    search_fields = ["search"]
    raw_id_fields = ["item", "assigning_unit", "lead_unit", "group", "created_by"]
    filter_horizontal = ["coordinators"]


@admin.register(models.Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "reference_date", "subject", "read_at", "emailed_at"]
    list_filter = ["kind"]
    raw_id_fields = ["recipient", "assignment"]


admin.site.register(models.Meeting)
admin.site.register(models.ExtensionRequest, raw_id_fields=["assignment", "unit", "requested_by", "decided_by"])
