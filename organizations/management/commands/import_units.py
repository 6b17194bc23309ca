from django.core.management.base import BaseCommand, CommandError

from core.tabular import ImportFailed
from organizations.services import units_import


class Command(BaseCommand):
    help = "Nhập danh sách đơn vị từ CSV/XLSX (cột: Mã đơn vị, Tên ngắn, Loại, Mã đơn vị cấp trên, …)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            summary = units_import(source=path)
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(exc.message) from exc
        except FileNotFoundError as exc:
            raise CommandError(f"Không tìm thấy tệp {path}") from exc
        self.stdout.write(self.style.SUCCESS(f"Đã nhập đơn vị: {summary}."))
