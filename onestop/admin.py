from django.contrib import admin

from onestop.models import Dossier, Procedure, ServiceLevel, Target


@admin.register(ServiceLevel)
class ServiceLevelAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "online_capable", "legal_basis"]


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "field", "tier", "service_level"]
    list_filter = ["service_level", "tier"]
    search_fields = ["code", "name", "field"]


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = ["code", "procedure", "receiving_unit", "channel", "received_on", "due_on", "completed_on"]
    list_filter = ["channel"]
    search_fields = ["code"]
    raw_id_fields = ["procedure", "receiving_unit", "deciding_unit"]
    date_hierarchy = "received_on"


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["name", "metric", "comparison", "threshold", "unit", "group", "year"]
