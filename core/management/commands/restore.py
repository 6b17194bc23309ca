from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Khôi phục cơ sở dữ liệu và tệp đính kèm từ một bản sao lưu (THAY THẾ dữ liệu hiện có), "
        "rồi đối chiếu số dòng và mã băm của từng tệp."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--yes", action="store_true", help="không hỏi lại")

    def handle(self, *args, path, yes=False, **options):
        source = Path(path)
        if not source.exists():
            raise CommandError(f"Không tìm thấy tệp {path}")
        if not yes and input("Dữ liệu hiện có sẽ bị thay thế. Gõ 'yes' để tiếp tục: ").strip() != "yes":
            raise CommandError("Đã huỷ.")
        try:
            report = restore(source)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if not report["ok"]:
            for label, (expected, found) in report["counts"].items():
                self.stderr.write(f"{label}: {expected} rows in the backup, {found} restored")
            for name in report["files"]:
                self.stderr.write(f"file differs: {name}")
            raise CommandError("Khôi phục xong nhưng không khớp với bản sao lưu.")
        self.stdout.write(self.style.SUCCESS(f"Restored {source}: counts and file checksums match."))
