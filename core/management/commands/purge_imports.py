from django.core.management.base import BaseCommand

from core.uploads import purge_staged


class Command(BaseCommand):
    help = "Xoá các tệp nhập đã tải lên nhưng không được xác nhận sau một số giờ (chạy hằng ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="tuổi tối thiểu của tệp bị xoá (mặc định 24)")

    def handle(self, *args, hours, **options):
        import datetime as dt

        deleted = purge_staged(older_than=dt.timedelta(hours=hours))
        self.stdout.write(self.style.SUCCESS(f"Đã xoá {deleted} tệp nhập không được xác nhận."))
