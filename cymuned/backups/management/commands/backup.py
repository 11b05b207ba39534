from pathlib import Path

from django.core.management.base import BaseCommand

from cymuned.backups.archive import backup


class Command(BaseCommand):
    help = "Write the whole database to PATH (gzip-compressed JSON, restorable into SQLite or PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, path, **options):
        counts = backup(path)
        self.stdout.write(f"{path}: {sum(counts.values())} rows from {len(counts)} tables")
