import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from onestop.selectors import onestop_figures


class Command(BaseCommand):
    help = "Số liệu một cửa (DOMAIN §3) cho một kỳ: --from YYYY-MM-DD --to YYYY-MM-DD --format json"

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True)
        parser.add_argument("--to", dest="end", required=True)
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args, start, end, format, **options):
        try:
            start_date, end_date = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        except ValueError as exc:
            raise CommandError("Ngày không hợp lệ: cần dạng YYYY-MM-DD.") from exc
        if end_date < start_date:
            raise CommandError("--to phải sau --from.")
        figures = onestop_figures(start=start_date, end=end_date)
        for row in figures["units"]:
            row.pop("unit_id")
        if format == "json":
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        for key, value in figures["total"].items():
            self.stdout.write(f"{key:<42} {value}")
