from django.contrib import admin

from records.models import ArchiveBacklog, DepositRule, FileList, SortingPlan, SortingProgress, WorkFile, WorkFileCount


@admin.register(DepositRule)
class DepositRuleAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "months_after_end", "legal_basis"]


@admin.register(FileList)
class FileListAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "decision_number", "approved_on"]
    list_filter = ["year"]
    raw_id_fields = ["unit"]


@admin.register(WorkFile)
class WorkFileAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "unit", "year", "ended_on", "deposited_on"]
    list_filter = ["year"]
    search_fields = ["code", "title"]
    raw_id_fields = ["unit"]


class PlanInline(admin.TabularInline):
    model = SortingPlan
    extra = 0


class ProgressInline(admin.TabularInline):
    model = SortingProgress
    extra = 0
    raw_id_fields = ["recorded_by"]


@admin.register(ArchiveBacklog)
class ArchiveBacklogAdmin(admin.ModelAdmin):
    list_display = ["unit", "total_metres"]
    raw_id_fields = ["unit"]
    inlines = [PlanInline, ProgressInline]


@admin.register(WorkFileCount)
class WorkFileCountAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "opened", "closed", "due", "deposited_on_time"]
    list_filter = ["year"]
    raw_id_fields = ["unit"]
