"""`python manage.py send_reminders [--date YYYY-MM-DD] [--enqueue]`: the daily reminder job (cron)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from assignments.reminders import reminders_send
from assignments.tasks import send_reminders_task


class Command(BaseCommand):
    help = "Gửi nhắc việc, cảnh báo quá hạn, báo lãnh đạo và thư tổng hợp (chạy hằng ngày; chạy lại không gửi trùng)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="ngày chạy, YYYY-MM-DD (mặc định hôm nay)")
        parser.add_argument("--enqueue", action="store_true", help="đưa vào hàng đợi tác vụ thay vì chạy ngay")

    def handle(self, *args, date=None, enqueue=False, **options):
        try:
            on = dt.date.fromisoformat(date) if date else None
        except ValueError as exc:
            raise CommandError("Ngày không hợp lệ, dùng YYYY-MM-DD.") from exc
        if enqueue:
            result = send_reminders_task.enqueue(on.isoformat() if on else None)
            self.stdout.write(f"Đã đưa vào hàng đợi: {result.id}")
            return
        summary = reminders_send(on=on)
        if not summary.working_day:
            self.stdout.write(f"{summary.on}: ngày nghỉ, không gửi nhắc việc.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{summary.on}: {summary.due_soon} sắp đến hạn, {summary.overdue} quá hạn, "
                f"{summary.escalations} báo lãnh đạo, {summary.daily_digests} tổng hợp ngày, "
                f"{summary.weekly_digests} tổng hợp tuần, {summary.emails} thư."
            )
        )
