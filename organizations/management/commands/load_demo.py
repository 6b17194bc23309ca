from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from organizations import demo


def _app_demos():
    """Each domain app may add its own demo data through `<app>.demo.load_demo()` (and `remove_demo()`)."""
    for config in apps.get_app_configs():
        if config.name == "organizations":
            continue
        try:
            module = __import__(f"{config.name}.demo", fromlist=["load_demo"])
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        yield config, module


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu (idempotent): hai tổ chức, người dùng mỗi vai trò, và dữ liệu mẫu của các ứng dụng. "
        "--remove: xóa dữ liệu mẫu, giữ nguyên dữ liệu thật."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--remove",
            action="store_true",
            help="Xóa dữ liệu mẫu (chỉ dữ liệu mẫu; tài khoản mẫu đã đổi mật khẩu và đơn vị đang dùng được giữ lại).",
        )

    def handle(self, *args, **options):
        if options["remove"]:
            return self._remove()
        accounts = demo.load_demo()
        for config, module in _app_demos():
            module.load_demo()
            self.stdout.write(f"  + {config.verbose_name}")
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu. Tài khoản đăng nhập:"))
        for username, password, role in accounts:
            self.stdout.write(f"  {username:<20} {password:<14} {role}")

    @transaction.atomic
    def _remove(self):
        # Apps that build on organizations go first (reverse order), then accounts and units.
        for config, module in reversed(list(_app_demos())):
            remove = getattr(module, "remove_demo", None)
            if remove is not None:
                self.stdout.write(f"  - {config.verbose_name}: {remove()}")
        result = demo.remove_demo()
        self.stdout.write(
            self.style.SUCCESS(
                "Đã xóa dữ liệu mẫu: {users} tài khoản, {units} đơn vị, {groups} nhóm. "
                "Giữ lại {kept_users} tài khoản và {kept_units} đơn vị đang được dùng.".format(**result)
            )
        )
