from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cymuned.imports.base import ImportRejected
from cymuned.imports.registry import importer_class, kinds


class Command(BaseCommand):
    help = "Import a CSV or XLSX file. All or nothing: a file with any bad row writes nothing."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=kinds(), help="what the file holds")
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check the file, write nothing")
        parser.add_argument("--user", help="record the changes as made by this user name")

    def handle(self, kind, path, dry_run, user, **options):
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        who = None
        if user:
            try:
                who = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"no user called {user!r}") from None
        importer = importer_class(kind)(user=who)
        try:
            outcome = importer.run(path.read_bytes(), str(path), dry_run=dry_run)
        except ImportRejected as rejected:
            for line in rejected.lines():
                self.stderr.write(line)
            raise CommandError(f"{path}: nothing imported; {len(rejected.problems)} problem(s) to fix") from None
        prefix = "checked (dry run)" if dry_run else "imported"
        self.stdout.write(f"{path}: {prefix} {outcome}")
