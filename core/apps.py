from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Nền tảng")

    def ready(self) -> None:
        from core import staticfiles  # noqa: F401 - registers the collectstatic system check
        from core.jobs import register_daily_job

        register_daily_job("core.purge_imports", _purge_imports, label="Xoá tệp nhập không được xác nhận", order=90)


def _purge_imports(on):
    import datetime as dt

    from core.uploads import purge_staged

    return {"deleted": purge_staged(older_than=dt.timedelta(hours=24))}
