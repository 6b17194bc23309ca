from django.core.management.base import BaseCommand, CommandError

from core.tabular import ImportFailed
from onestop.services import procedures_import


class Command(BaseCommand):
    help = "Nhập danh mục thủ tục hành chính từ CSV/XLSX (tất cả hoặc không; nhập lại cập nhật theo mã)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            summary = procedures_import(source=path)
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(exc.message) from exc
        except FileNotFoundError as exc:
            raise CommandError(f"Không tìm thấy tệp {path}") from exc
        self.stdout.write(self.style.SUCCESS(f"Đã nhập: {summary}."))
