from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Tài khoản và an toàn thông tin")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from accounts import signals  # noqa: F401 - connects the login and lockout receivers
        from accounts.append_only import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="accounts_security_event_sqlite")
