from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Tài khoản và an toàn thông tin")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from accounts import signals  # noqa: F401 - connects the login and lockout receivers
        from accounts.append_only import register_sqlite_function
        from core.jobs import register_daily_job

        connection_created.connect(register_sqlite_function, dispatch_uid="accounts_security_event_sqlite")

        register_daily_job(
            "accounts.disable_inactive", _disable_inactive, label="Khoá tài khoản không sử dụng", order=80
        )
        register_daily_job(
            "accounts.purge_security_events", _purge_events, label="Xoá nhật ký an toàn thông tin hết hạn", order=85
        )


def _disable_inactive(on):
    from accounts.services import accounts_disable_inactive

    return {"disabled": len(accounts_disable_inactive())}


def _purge_events(on):
    from accounts.services import events_purge

    return {"purged": events_purge()}
