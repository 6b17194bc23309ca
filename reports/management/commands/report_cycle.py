import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from core.errors import ApplicationError
from organizations.models import Unit
from reports.models import ReportCycle, ReportKind
from reports.selectors import reporting_rate
from reports.services import report_cycle_open, reports_remind


class Command(BaseCommand):
    help = (
        "Kỳ báo cáo định kỳ. open --kind quarter --year 2027 --number 1 [--owner MÃ]: mở kỳ, tạo dự thảo cho "
        "từng đơn vị phải báo cáo; status --kind … : tỷ lệ gửi báo cáo; remind [--on YYYY-MM-DD]: nhắc hạn."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["open", "status", "remind"])
        parser.add_argument("--kind", help="Mã loại kỳ: quarter, half, nine_months, year")
        parser.add_argument("--year", type=int)
        parser.add_argument("--number", type=int, default=1)
        parser.add_argument("--owner", help="Mã đơn vị tổng hợp; mặc định: mọi đơn vị gốc")
        parser.add_argument("--on", help="Ngày chạy nhắc hạn (YYYY-MM-DD)")

    def handle(self, *args, action, kind, year, number, owner, on, **options):
        if action == "remind":
            try:
                day = dt.date.fromisoformat(on) if on else None
            except ValueError as exc:
                raise CommandError("--on cần dạng YYYY-MM-DD.") from exc
            self.stdout.write(json.dumps(reports_remind(on=day).as_dict(), ensure_ascii=False))
            return
        if not kind or not year:
            raise CommandError("Cần --kind và --year.")
        report_kind = ReportKind.objects.filter(code=kind).first()
        if report_kind is None:
            codes = ", ".join(ReportKind.objects.values_list("code", flat=True))
            raise CommandError(f"Không có loại kỳ «{kind}» (có: {codes}).")
        owners = Unit.objects.filter(code=owner) if owner else Unit.objects.filter(parent__isnull=True).active()
        if owner and not owners.exists():
            raise CommandError(f"Không có đơn vị mã «{owner}».")
        for unit in owners.order_by("code"):
            if action == "open":
                try:
                    cycle = report_cycle_open(kind=report_kind, year=year, number=number, owner=unit)
                except ApplicationError as exc:
                    raise CommandError(exc.message) from exc
                self.stdout.write(
                    f"{unit.short_name}: {cycle.title} ({cycle.start:%d/%m/%Y} – {cycle.end:%d/%m/%Y}, "
                    f"hạn {cycle.due_on:%d/%m/%Y}): {cycle.reports.count()} đơn vị phải báo cáo"
                )
            else:
                cycle = ReportCycle.objects.filter(owner=unit, kind=report_kind, year=year, number=number).first()
                if cycle is None:
                    continue
                rate = reporting_rate(cycle)
                self.stdout.write(f"{unit.short_name}: {cycle.title}: {json.dumps(rate['counts'])}")
