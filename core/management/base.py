"""The shape every import command shares: run a service on PATH, print each row error, exit non-zero."""

from django.core.management.base import BaseCommand, CommandError

from core.errors import ApplicationError
from core.tabular import ImportFailed


class ImportCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("path")

    def run_import(self, path: str, **kwargs):
        """Subclasses call their import service here; the result is what it returns."""
        raise NotImplementedError

    def handle(self, *args, path, **options):
        try:
            message = self.run_import(path, **options)
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(exc.message) from exc
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        except FileNotFoundError as exc:
            raise CommandError(f"Không tìm thấy tệp {path}") from exc
        from accounts.audit import record_import

        record_import(filename=path, kind=self.__module__.rpartition(".")[2], summary=message, source="command")
        self.stdout.write(self.style.SUCCESS(message))
