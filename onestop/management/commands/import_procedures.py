from core.management.base import ImportCommand
from onestop.services import procedures_import


class Command(ImportCommand):
    help = "Nhập danh mục thủ tục hành chính từ CSV/XLSX (tất cả hoặc không; nhập lại cập nhật theo mã)."

    def run_import(self, path, **options):
        return f"Đã nhập: {procedures_import(source=path)}."
