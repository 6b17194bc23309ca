from django.contrib import admin

from surveys import models


class QuestionInline(admin.TabularInline):
    model = models.Question
    extra = 0


class FactorInline(admin.TabularInline):
    model = models.Factor
    extra = 0


@admin.register(models.Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_active"]
    inlines = [FactorInline]


@admin.register(models.Factor)
class FactorAdmin(admin.ModelAdmin):
    list_display = ["questionnaire", "order", "code", "name"]
    inlines = [QuestionInline]


@admin.register(models.SurveyToken)
class SurveyTokenAdmin(admin.ModelAdmin):
    list_display = ["dossier", "unit", "created_at"]
    raw_id_fields = ["dossier"]
    search_fields = ["dossier__code"]


class AnswerInline(admin.TabularInline):
    model = models.Answer
    extra = 0


@admin.register(models.Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["unit", "answered_on", "channel", "comment_status"]
    list_filter = ["channel", "comment_status"]
    raw_id_fields = ["dossier"]
    inlines = [AnswerInline]
