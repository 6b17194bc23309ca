from django.core.management.base import BaseCommand

from core.models import CalendarDay
from core.workdays import calendar_seed


class Command(BaseCommand):
    help = "Nạp lịch ngày nghỉ lễ, Tết và ngày làm bù của các năm (không ghi đè ngày đã sửa tay)."

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="+", type=int, help="các năm, ví dụ 2027 2028")

    def handle(self, *args, years, **options):
        added = calendar_seed(CalendarDay, years)
        self.stdout.write(self.style.SUCCESS(f"Đã thêm {added} ngày vào lịch."))
