from django.contrib import admin

from reports import models


class SectionInline(admin.TabularInline):
    model = models.TemplateSection
    extra = 0


class FigureRowInline(admin.TabularInline):
    model = models.FigureRow
    extra = 0


@admin.register(models.ReportTemplate)
class ReportTemplateAdmin(admin.ModelAdmin):
    inlines = [SectionInline, FigureRowInline]
    search_fields = ["name"]


@admin.register(models.ReportKind)
class ReportKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "length_months", "periods_per_year", "cutoff_day", "due_day", "template"]
    filter_horizontal = ["reporting_levels"]


@admin.register(models.ReportCycle)
class ReportCycleAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "start", "end", "due_on"]
    list_filter = ["kind", "year"]
    raw_id_fields = ["owner", "opened_by"]


@admin.register(models.UnitReport)
class UnitReportAdmin(admin.ModelAdmin):
    list_display = ["cycle", "unit", "status", "first_submitted_at"]
    list_filter = ["status", "cycle"]
    raw_id_fields = ["unit", "submitted_by", "reviewed_by"]


class IndicatorInline(admin.TabularInline):
    model = models.IndexIndicator
    extra = 0


@admin.register(models.IndexRuleSet)
class IndexRuleSetAdmin(admin.ModelAdmin):
    list_display = ["name", "valid_from", "valid_to"]
    inlines = [IndicatorInline]
