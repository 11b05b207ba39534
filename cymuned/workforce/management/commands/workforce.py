"""`cymuned workforce --by cluster|neighbourhood|health_board --period P [--on DATE] --format json|csv`."""

import csv
import json

from django.core.management.base import BaseCommand, CommandError

from cymuned import edges
from cymuned.workforce.tables import BY, build


class Command(BaseCommand):
    help = (
        "Staff in post by cluster, neighbourhood or health board for a quarter, with FTE per 10,000 "
        "registered patients; the organisation as it stands on --on (the quarter's last day by default)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--by", required=True, choices=sorted(BY))
        parser.add_argument("--period", required=True, help="a quarter like 2027-28-Q1")
        parser.add_argument("--on", help="the organisation on this date (YYYY-MM-DD)")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, **options):
        period = edges.quarter(options["period"])
        if period is None:
            raise CommandError(f"--period: “{options['period']}” is not a period like 2025-26-Q2")
        on = period.end
        if options["on"]:
            on = edges.iso_date(options["on"])
            if on is None:
                raise CommandError(f"--on: “{options['on']}” is not a date like 2027-04-01")
        table = build(options["by"], period, on)
        if table.unplaced:
            self.stderr.write(
                "figures of these units have no " + options["by"] + f" on {on}: " + ", ".join(table.unplaced)
            )
        if options["format"] == "json":
            self.stdout.write(json.dumps(table.as_json(), indent=2))
            return
        writer = csv.writer(self.stdout)
        writer.writerow(["unit", "staff_group", "headcount", "fte", "estimated", "fte_per_10000"])
        for row in table.rows:
            for group in table.groups:
                cell = row.cells.get(group.code)
                if cell is None:
                    continue
                writer.writerow(
                    [
                        row.unit.code,
                        group.code,
                        "" if cell.headcount_unknown and not cell.headcount else cell.headcount,
                        cell.fte,
                        "yes" if cell.estimated else "no",
                        row.fte_per_10000 if row.fte_per_10000 is not None else "",
                    ]
                )
