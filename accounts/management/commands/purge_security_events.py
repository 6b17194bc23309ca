from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.services import events_purge


class Command(BaseCommand):
    help = "Xoá nhật ký an toàn thông tin cũ hơn SECURITY_EVENT_RETENTION_DAYS ngày (mặc định 12 tháng)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.SECURITY_EVENT_RETENTION_DAYS)

    def handle(self, *args, days, **options):
        deleted = events_purge(days=days)
        self.stdout.write(self.style.SUCCESS(f"{deleted} security event(s) older than {days} days purged"))
