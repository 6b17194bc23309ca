from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.services import accounts_disable_inactive


class Command(BaseCommand):
    help = "Khoá các tài khoản không đăng nhập trong ACCOUNT_INACTIVE_DAYS ngày (chạy hằng ngày từ cron)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.ACCOUNT_INACTIVE_DAYS)

    def handle(self, *args, days, **options):
        names = accounts_disable_inactive(days=days)
        for name in names:
            self.stdout.write(f"disabled {name}")
        self.stdout.write(self.style.SUCCESS(f"{len(names)} account(s) disabled"))
