from django.core.management.base import BaseCommand

from core.uploads import jobs_fail_stuck


class Command(BaseCommand):
    help = (
        "Đánh dấu lỗi các lượt nhập nền bị treo (tác vụ nền đã dừng) sau IMPORT_JOB_TIMEOUT_MINUTES phút "
        "(chạy từ cron, ví dụ 10 phút một lần)."
    )

    def handle(self, *args, **options):
        failed = jobs_fail_stuck()
        self.stdout.write(self.style.SUCCESS(f"{failed} stuck import job(s) marked failed."))
