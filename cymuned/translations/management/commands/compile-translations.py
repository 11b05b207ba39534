from django.core.management.base import BaseCommand

from cymuned.translations.catalogues import catalogues, compile_all


class Command(BaseCommand):
    help = "Compile the Welsh (and any other) translation catalogues into .mo files."

    def handle(self, **options):
        written = compile_all()
        self.stdout.write(f"{len(catalogues())} catalogues, {len(written)} compiled")
