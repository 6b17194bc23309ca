import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from onestop.selectors import unit_tree_ids
from organizations.models import Unit
from surveys.selectors import satisfaction_figures


class Command(BaseCommand):
    help = (
        "Số liệu hài lòng (DOMAIN §5) cho một kỳ: số phiếu, tỷ lệ hài lòng theo yếu tố, chỉ số. "
        "--from YYYY-MM-DD --to YYYY-MM-DD [--unit MÃ] --format json"
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True)
        parser.add_argument("--to", dest="end", required=True)
        parser.add_argument("--unit", default="", help="mã đơn vị: đơn vị đó và các đơn vị trực thuộc")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args, start, end, unit, format, **options):
        try:
            start_date, end_date = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        except ValueError as exc:
            raise CommandError("Ngày không hợp lệ: cần dạng YYYY-MM-DD.") from exc
        if end_date < start_date:
            raise CommandError("--to phải sau --from.")
        unit_ids = None
        if unit:
            found = Unit.objects.filter(code=unit).first()
            if found is None:
                raise CommandError(f"Không có đơn vị mã «{unit}».")
            unit_ids = unit_tree_ids(found)
        figures = satisfaction_figures(start=start_date, end=end_date, unit_ids=unit_ids)
        for row in figures["units"]:
            row.pop("unit_id")
        if format == "json":
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        total = figures["total"]
        self.stdout.write(f"{'responses':<14} {total['responses']}")
        self.stdout.write(f"{'index':<14} {total['index']}")
        for factor in total["factors"]:
            self.stdout.write(
                f"{factor['factor']:<14} {factor['share_satisfied']} ({factor['satisfied']}/{factor['answers']})"
            )
