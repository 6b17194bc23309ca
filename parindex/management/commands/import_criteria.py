from django.core.management.base import BaseCommand, CommandError

from core.errors import ApplicationError
from core.tabular import ImportFailed
from parindex.services import criteria_import


class Command(BaseCommand):
    help = "Nhập bộ chỉ số CCHC từ CSV/XLSX: Mã, Nội dung, Điểm tối đa, Cách chấm, Điều tra XHH, Đơn vị phụ trách."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--name", required=True)

    def handle(self, *args, path, year, name, **options):
        try:
            _set, summary = criteria_import(source=path, year=year, name=name)
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(exc.message) from exc
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        except FileNotFoundError as exc:
            raise CommandError(f"Không tìm thấy tệp {path}") from exc
        self.stdout.write(f"Đã nhập bộ chỉ số «{name}» năm {year}: {summary}.")
