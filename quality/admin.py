from django.contrib import admin

from quality.models import CorrectiveAction, LegalUpdate, QualityDocument, QualityReview, QualityRule, QualitySystem


@admin.register(QualityRule)
class QualityRuleAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "audit_max_months", "legal_basis"]


class DocumentInline(admin.TabularInline):
    model = QualityDocument
    extra = 0
    filter_horizontal = ["procedures"]


@admin.register(QualitySystem)
class QualitySystemAdmin(admin.ModelAdmin):
    list_display = ["unit", "host", "announcement_number", "announcement_date"]
    search_fields = ["unit__short_name", "announcement_number"]
    raw_id_fields = ["unit", "host"]
    filter_horizontal = ["scope"]
    inlines = [DocumentInline]


@admin.register(QualityDocument)
class QualityDocumentAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "system", "version", "issued_on"]
    search_fields = ["code", "title"]
    filter_horizontal = ["procedures"]


@admin.register(QualityReview)
class QualityReviewAdmin(admin.ModelAdmin):
    list_display = ["system", "kind", "held_on"]
    list_filter = ["kind"]


@admin.register(CorrectiveAction)
class CorrectiveActionAdmin(admin.ModelAdmin):
    list_display = ["review", "assignment"]
    raw_id_fields = ["review", "assignment"]


@admin.register(LegalUpdate)
class LegalUpdateAdmin(admin.ModelAdmin):
    list_display = ["system", "document_number", "noted_on"]
