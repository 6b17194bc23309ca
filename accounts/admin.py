from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts import services
from accounts.models import AccountState, SecurityEvent

User = get_user_model()


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """Read-only for everyone: events are written by the application and purged only by retention."""

    list_display = ["created_at", "kind", "username", "ip", "path"]
    list_filter = ["kind"]
    search_fields = ["username", "ip", "path"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccountState)
class AccountStateAdmin(admin.ModelAdmin):
    list_display = ["user", "must_change_password", "password_changed_at", "disabled_for_inactivity_at"]
    list_filter = ["must_change_password"]
    search_fields = ["user__username"]
    readonly_fields = ["user", "password_changed_at", "disabled_for_inactivity_at"]

    def has_add_permission(self, request):
        return False


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """A password set by an administrator (a new account, a reset) must be changed at the next login."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            services.password_change_required(user=obj, request=request)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302 and str(request.user.pk) != str(id):
            services.password_change_required(user=User.objects.get(pk=id), request=request)
        return response
