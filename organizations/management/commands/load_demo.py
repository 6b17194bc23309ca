from django.apps import apps
from django.core.management.base import BaseCommand

from organizations.demo import load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (idempotent): hai tổ chức, người dùng mỗi vai trò, và dữ liệu mẫu của các ứng dụng."

    def handle(self, *args, **options):
        accounts = load_demo()
        # Each domain app may add its own demo data through a `demo.load_demo()` function.
        for config in apps.get_app_configs():
            if config.name == "organizations":
                continue
            try:
                module = __import__(f"{config.name}.demo", fromlist=["load_demo"])
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            module.load_demo()
            self.stdout.write(f"  + {config.verbose_name}")
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu. Tài khoản đăng nhập:"))
        for username, password, role in accounts:
            self.stdout.write(f"  {username:<20} {password:<14} {role}")
