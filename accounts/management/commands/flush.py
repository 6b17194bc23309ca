"""Django's flush, allowed to empty the append-only security event table (accounts.append_only)."""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import DEFAULT_DB_ALIAS, connections

from accounts.append_only import flush_window


class Command(FlushCommand):
    def handle(self, **options):
        with flush_window(connections[options.get("database") or DEFAULT_DB_ALIAS]):
            return super().handle(**options)
