from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup, default_path


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu (PostgreSQL: pg_dump; SQLite: tệp CSDL) và các tệp đính kèm vào một tệp .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="tệp sao lưu (mặc định var/backups/tiendo-<thời điểm>.tar.gz)")

    def handle(self, *args, path=None, **options):
        target = Path(path) if path else default_path()
        try:
            manifest = backup(target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(f"{target}: {rows} rows, {len(manifest['media'])} files"))
