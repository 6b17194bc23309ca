import csv
from pathlib import Path

from django.core.management.base import BaseCommand

from core.exports import csv_safe, xlsx_bytes
from organizations.models import Unit
from organizations.services import units_export_rows


class Command(BaseCommand):
    help = "Xuất danh sách đơn vị ra CSV hoặc XLSX (theo phần mở rộng của tệp)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        headers, rows = units_export_rows(Unit.objects.order_by("code"))
        target = Path(path)
        if target.suffix.lower() == ".xlsx":
            target.write_bytes(xlsx_bytes(headers, rows))
        else:
            with target.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(headers)
                writer.writerows([csv_safe(value) for value in row] for row in rows)
        self.stdout.write(self.style.SUCCESS(f"Đã xuất {len(rows)} đơn vị ra {target}."))
