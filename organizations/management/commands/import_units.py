from core.management.base import ImportCommand
from organizations.services import units_import


class Command(ImportCommand):
    help = "Nhập danh sách đơn vị từ CSV/XLSX (cột: Mã đơn vị, Tên ngắn, Loại, Mã đơn vị cấp trên, …)."

    def run_import(self, path, **options):
        return f"Đã nhập đơn vị: {units_import(source=path)}."
