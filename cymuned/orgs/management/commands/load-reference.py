from django.core.management.base import BaseCommand

from cymuned.orgs.reference import load_reference


class Command(BaseCommand):
    help = (
        "Load the reference organisation of NHS Wales (health boards, counties, clusters, "
        "planning groups, collaboratives, neighbourhoods). Safe to run again."
    )

    def handle(self, **options):
        result = load_reference()
        self.stdout.write(
            f"reference data: {result.created} units created, {result.updated} updated, "
            f"{result.links_created} links created, {result.links_updated} links updated"
        )
