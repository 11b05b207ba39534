"""`cymuned indicators --unit CODE --year YYYY-YY [--on DATE] --format json|csv`."""

import json
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cymuned.indicators.dashboard import CSV_COLUMNS, as_json, as_rows, build
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import FinancialYear
from cymuned.spreadsheets import csv_bytes

AREA_KINDS = (Kind.CLUSTER, Kind.NEIGHBOURHOOD, Kind.HEALTH_BOARD, Kind.NATION, Kind.PRACTICE)


class Command(BaseCommand):
    help = (
        "An area's indicators for a year against its health board and Wales: value, 95 % interval, "
        "significance and judgement (values as decimal strings; a value resting on a count below 5 is withheld)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="a cluster, neighbourhood, health board or practice code")
        parser.add_argument("--year", required=True, help="a financial year, e.g. 2024-25")
        parser.add_argument("--on", help="the date whose memberships make the area (default: the year's end)")
        parser.add_argument("--format", choices=("json", "csv"), default="json")

    def handle(self, unit, year, on=None, format="json", **options):
        try:
            fy = FinancialYear.parse(year)
        except ValueError:
            raise CommandError(
                _("--year: “%(value)s” is not a financial year like 2024-25") % {"value": year}
            ) from None
        try:
            day = date.fromisoformat(on) if on else None
        except ValueError:
            raise CommandError(_("--on: “%(value)s” is not a date like 2027-04-01") % {"value": on}) from None
        area = OrgUnit.objects.filter(code=unit, kind__in=AREA_KINDS).first()
        if area is None:
            raise CommandError(_("--unit: “%(code)s” is not a known area code") % {"code": unit})
        dashboard = build(area, fy, day, wide=False)
        withheld = [row.definition.id for row in dashboard.rows if row.figure.suppressed]
        if withheld:
            sys.stderr.write(_("withheld (a count below 5): %(ids)s") % {"ids": ", ".join(withheld)} + "\n")
        if format == "csv":
            self.stdout.write(csv_bytes(CSV_COLUMNS, as_rows(dashboard)).decode("utf-8-sig"), ending="")
            return
        self.stdout.write(json.dumps(as_json(dashboard), ensure_ascii=False, indent=2))
