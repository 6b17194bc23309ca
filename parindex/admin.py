from django.contrib import admin

from parindex.models import Assessment, CriteriaSet, Criterion, Evidence, RankingBand


@admin.register(RankingBand)
class RankingBandAdmin(admin.ModelAdmin):
    list_display = ["name", "min_points"]


class CriterionInline(admin.TabularInline):
    model = Criterion
    fields = ["code", "content", "max_points", "is_survey", "responsible_name", "metric_key", "scoring_rule"]
    extra = 0
    show_change_link = True


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ["name", "year"]
    inlines = [CriterionInline]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["unit", "criteria_set", "status", "deadline"]
    list_filter = ["status", "criteria_set"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["title", "number", "issued_on", "owner_unit"]
    search_fields = ["title", "number"]
