"""`cymuned maturity --unit CODE --cycle YYYY-YY --format json`."""

import json

from django.core.management.base import BaseCommand, CommandError

from cymuned.maturity.cycles import as_json, unit_cycle
from cymuned.orgs.models import OrgUnit
from cymuned.periods import FinancialYear


class Command(BaseCommand):
    help = "A unit's maturity cycle: each domain's ratings, consensus, minimum expectation and flags."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="cluster or neighbourhood code, e.g. AG")
        parser.add_argument("--cycle", required=True, help="the cycle, e.g. 2026-27")
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, unit, cycle, **options):
        try:
            year = FinancialYear.parse(cycle)
        except ValueError as error:
            raise CommandError(f"--cycle: {error}") from None
        found = OrgUnit.objects.filter(code=unit.strip().upper()).first()
        if found is None:
            raise CommandError(f"--unit: {unit!r} is not a known unit code")
        self.stdout.write(json.dumps(as_json(found, year, unit_cycle(found, year)), ensure_ascii=False, indent=1))
