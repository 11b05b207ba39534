"""`cymuned risks --unit CODE [--on DATE] --format json`: a unit's open risks (its own and those of
every unit beneath it), the heat map of their current scores and how many reviews are overdue."""

import json

from django.core.management.base import BaseCommand, CommandError

from cymuned import edges
from cymuned.orgs.models import OrgUnit
from cymuned.periods import local_date
from cymuned.risks.register import as_of, summary


class Command(BaseCommand):
    help = "A unit's open risks with their scores and bands, the heat map and overdue reviews, as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="unit code, e.g. 7A2 or NC")
        parser.add_argument(
            "--on", help="the register as it stood at the end of this day (YYYY-MM-DD); today by default"
        )
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, **options):
        on = local_date()
        if options["on"]:
            on = edges.iso_date(options["on"])
            if on is None:
                raise CommandError(f"--on: “{options['on']}” is not a date like 2026-04-01")
        unit = OrgUnit.objects.filter(code=options["unit"].strip().upper()).first()
        if unit is None:
            raise CommandError(f"--unit: “{options['unit']}” is not a known unit code")
        risks = as_of(unit, on)
        self.stdout.write(json.dumps(summary(unit, risks, on), indent=2, ensure_ascii=False))
