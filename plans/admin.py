from django.contrib import admin

from plans.models import Activity, Plan, PlanKind, PlanRequirement, PlanSection


@admin.register(PlanKind)
class PlanKindAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "order", "is_active")
    list_editable = ("order", "is_active")


@admin.register(PlanRequirement)
class PlanRequirementAdmin(admin.ModelAdmin):
    list_display = ("kind", "year", "requiring_unit", "group", "due_date")
    list_filter = ("kind", "year")
    raw_id_fields = ("requiring_unit", "group", "parent_plan")


class PlanSectionInline(admin.TabularInline):
    model = PlanSection
    extra = 0
    raw_id_fields = ("parent",)


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("number", "kind", "year", "issuing_unit", "date")
    list_filter = ("kind", "year")
    search_fields = ("number", "title")
    raw_id_fields = ("issuing_unit", "parent", "created_by")
    inlines = [PlanSectionInline]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("plan", "order", "content", "deadline")
    raw_id_fields = ("plan", "section")
