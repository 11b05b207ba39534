from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError

from cymuned.definitions.versions import DefinitionError, load


class Command(BaseCommand):
    help = (
        "Load the definitions (RAG thresholds and meanings, risk-grid zones, WIMD decile weights, "
        "measure kinds, …) from their versioned files into the database. Safe to run again."
    )

    def handle(self, **options):
        try:
            result = load()
        except DefinitionError as error:
            raise CommandError(str(error)) from error
        if result.changed:
            cache.clear()  # pages kept in the response cache show the definitions they were made with
        self.stdout.write(
            f"definitions: {len(result.created)} versions added, {len(result.updated)} updated, "
            f"{len(result.removed)} removed"
        )
