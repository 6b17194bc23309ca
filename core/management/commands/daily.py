"""`python manage.py daily [--date YYYY-MM-DD] [--only NAME …] [--list]`: every registered daily job (cron)."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.jobs import daily_jobs, run_daily_jobs


class Command(BaseCommand):
    help = (
        "Chạy mọi việc hằng ngày các phân hệ đã đăng ký (nhắc việc, nhắc báo cáo, khoá tài khoản không dùng, "
        "xoá tệp nhập, xoá nhật ký hết hạn). Mỗi việc một giao dịch; một việc lỗi không dừng các việc khác."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="ngày chạy, YYYY-MM-DD (mặc định hôm nay)")
        parser.add_argument("--only", nargs="+", metavar="NAME", help="chỉ chạy các việc này")
        parser.add_argument("--list", dest="list_jobs", action="store_true", help="liệt kê các việc đã đăng ký")

    def handle(self, *args, date=None, only=None, list_jobs=False, **options):
        jobs = daily_jobs()
        if list_jobs:
            for job in jobs:
                self.stdout.write(f"{job.name}\t{job.label}")
            return
        try:
            on = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError("Ngày không hợp lệ, dùng YYYY-MM-DD.") from exc
        unknown = sorted(set(only or []) - {job.name for job in jobs})
        if unknown:
            raise CommandError(f"Không có việc: {', '.join(unknown)}.")
        results = run_daily_jobs(on=on, only=only)
        for result in results:
            if result.ok:
                summary = json.dumps(result.summary, ensure_ascii=False, default=str)
                self.stdout.write(f"OK   {result.name}: {summary}")
            else:
                self.stdout.write(self.style.ERROR(f"LỖI {result.name}: {result.error}"))
        failed = [r.name for r in results if not r.ok]
        if failed:
            # A non-zero exit so that cron (or the scheduler) reports it; the other jobs have already run.
            raise CommandError(f"{len(failed)} việc lỗi: {', '.join(failed)}.")
        self.stdout.write(self.style.SUCCESS(f"{on}: {len(results)} việc đã chạy."))
