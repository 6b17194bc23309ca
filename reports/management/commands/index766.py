import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from core.periods import Period
from organizations.models import Unit
from reports.index766 import forecast_units, receiving_units


class Command(BaseCommand):
    help = (
        "Ước tính điểm Bộ chỉ số 766 (Quyết định 766/QĐ-TTg) từ dữ liệu của hệ thống: "
        "--from YYYY-MM-DD --to YYYY-MM-DD [--unit MÃ] --format json"
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True)
        parser.add_argument("--to", dest="end", required=True)
        parser.add_argument("--unit", help="Mã đơn vị; mặc định: mọi đơn vị có hồ sơ trong kỳ")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args, start, end, unit, format, **options):
        try:
            period = Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
        except ValueError as exc:
            raise CommandError("Ngày không hợp lệ: cần dạng YYYY-MM-DD, --to sau --from.") from exc
        if unit:
            found = Unit.objects.filter(code=unit).first()
            if found is None:
                raise CommandError(f"Không có đơn vị mã «{unit}».")
            units = [found]
        else:
            units = receiving_units(period, None)
        rule_set, forecasts = forecast_units(units, period)
        if rule_set is None:
            raise CommandError("Chưa có bộ công thức Bộ chỉ số 766 áp dụng cho kỳ này.")
        data = {
            "period": period.as_dict(),
            "estimate": True,
            "rule_set": {"name": rule_set.name, "valid_from": rule_set.valid_from.isoformat()},
            "units": [forecast.as_dict() for forecast in forecasts],
        }
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for forecast in data["units"]:
            self.stdout.write(f"{forecast['unit']}: {forecast['points']} / {forecast['computable_max']} (ước tính)")
            for item in forecast["indicators"]:
                shown = item["points"] if item["computable"] else "không tính được"
                self.stdout.write(f"  {item['code']:<5} {item['name'][:60]:<60} {shown}")
