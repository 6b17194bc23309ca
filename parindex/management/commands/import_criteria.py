from core.management.base import ImportCommand
from parindex.services import criteria_import


class Command(ImportCommand):
    help = "Nhập bộ chỉ số CCHC từ CSV/XLSX: Mã, Nội dung, Điểm tối đa, Cách chấm, Điều tra XHH, Đơn vị phụ trách."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--name", required=True)

    def run_import(self, path, *, year, name, **options):
        _criteria_set, summary = criteria_import(source=path, year=year, name=name)
        return f"Đã nhập bộ chỉ số «{name}» năm {year}: {summary}."
