from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cymuned.maturity.loading import SHIPPED, FrameworkError, load_file


class Command(BaseCommand):
    help = "Load maturity frameworks from JSON files (without a path: the frameworks shipped with Cymuned)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path)

    def handle(self, paths, **options):
        for path in paths or SHIPPED:
            try:
                framework, created = load_file(path)
            except FrameworkError as error:
                raise CommandError(str(error)) from None
            except OSError as error:
                raise CommandError(f"{path}: {error.strerror}") from None
            self.stdout.write(f"{framework}: {'loaded' if created else 'already loaded, unchanged'}")
