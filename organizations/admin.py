from django.contrib import admin

from organizations.models import Level, Membership, Unit, UnitAlias, UnitGroup


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    fields = ["name"]
    extra = 1


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "short_name", "kind", "level", "parent", "active_to"]
    list_filter = ["kind", "level"]
    search_fields = ["code", "short_name", "full_name"]
    inlines = [UnitAliasInline]
    raw_id_fields = ["parent", "successor"]


admin.site.register(Level)
admin.site.register(UnitGroup)
admin.site.register(Membership)
