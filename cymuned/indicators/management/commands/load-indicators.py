from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cymuned.indicators.definitions import DefinitionError, read, shipped
from cymuned.indicators.loading import load


class Command(BaseCommand):
    help = "Load indicator definitions from a versioned file (default: the newest shipped file). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="a definitions file (indicators-vN.json)")

    def handle(self, path=None, **options):
        try:
            found = read(Path(path)) if path else shipped()
        except DefinitionError as error:
            raise CommandError(str(error)) from None
        created, updated = load(found)
        self.stdout.write(f"{len(found)} indicator definitions: {created} created, {updated} updated")
