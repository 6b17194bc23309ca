from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Nền tảng")

    def ready(self) -> None:
        from core import staticfiles  # noqa: F401 - registers the collectstatic system check
