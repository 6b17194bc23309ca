from core.management.base import ImportCommand
from onestop.services import dossiers_import


class Command(ImportCommand):
    help = "Nhập hồ sơ một cửa từ CSV/XLSX (tất cả hoặc không; nhập lại cập nhật theo mã hồ sơ)."

    def run_import(self, path, **options):
        return f"Đã nhập: {dossiers_import(source=path)}."
