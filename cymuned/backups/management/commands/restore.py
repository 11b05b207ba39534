from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cymuned.backups.archive import RestoreRefused, restore


class Command(BaseCommand):
    help = "Restore a backup written by `cymuned backup` into this (migrated) database, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--replace", action="store_true", help="remove the data already in the database first")

    def handle(self, path, replace, **options):
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            counts = restore(path, replace=replace)
        except RestoreRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(f"{path}: restored {sum(counts.values())} rows")
