from django.apps import apps
from django.conf import settings


def site(request):
    """Site name and the navigation, built from each app's `menu` (see AppConfig)."""
    menu = []
    for config in apps.get_app_configs():
        for item in getattr(config, "menu", []):
            if item.get("staff_only") and not getattr(request.user, "is_superuser", False):
                continue
            if item.get("login_required", True) and not request.user.is_authenticated:
                continue
            menu.append(item)
    menu.sort(key=lambda item: item.get("order", 100))
    return {"SITE_NAME": settings.SITE_NAME, "main_menu": menu}
