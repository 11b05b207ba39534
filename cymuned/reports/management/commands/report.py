import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from cymuned.periods import Quarter
from cymuned.reports.monitoring import monitoring_summary


def period_argument(text: str) -> str:
    try:
        return str(Quarter.parse(text))
    except ValueError as error:
        raise CommandError(str(error)) from None


class Command(BaseCommand):
    help = "Write a report: `report monitoring --period 2025-26-Q2 --format json`."

    def add_arguments(self, parser):
        reports = parser.add_subparsers(dest="report", required=True, metavar="REPORT")
        monitoring = reports.add_parser("monitoring", help="the quarter's cluster project monitoring report")
        monitoring.add_argument("--period", required=True, type=period_argument, help="e.g. 2025-26-Q2")
        monitoring.add_argument("--format", default="json", choices=["json"], dest="fmt")
        monitoring.add_argument("--cluster", action="append", default=[], help="cluster code; repeat for more")
        monitoring.add_argument("--health-board", help="health board code, e.g. 7A2")
        monitoring.add_argument("--output", type=Path, help="write to this file instead of standard output")

    def handle(self, report, **options):
        return getattr(self, f"handle_{report}")(**options)

    def handle_monitoring(self, period, fmt, cluster, health_board, output, **options):
        summary = monitoring_summary(period, clusters=[c.upper() for c in cluster] or None, health_board=health_board)
        text = json.dumps(summary, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        if output:
            output.write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"{output}: written")
        else:
            (self.stdout if self.stdout else sys.stdout).write(text)
