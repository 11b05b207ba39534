import json
import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from cymuned.periods import Quarter
from cymuned.portfolio.monitoring import monitoring_summary
from cymuned.reports.data_pack import write_data_pack
from cymuned.reports.models import Committee
from cymuned.reports.writing import monitoring_document, write


def period_argument(text: str) -> Quarter:
    try:
        return Quarter.parse(text)
    except ValueError as error:
        raise CommandError(str(error)) from None


def date_argument(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--meeting-date: {text!r} is not a date like 2025-07-01") from None


class Command(BaseCommand):
    help = "Write a report: `report monitoring --period 2025-26-Q2 --format json`."

    def add_arguments(self, parser):
        reports = parser.add_subparsers(dest="report", required=True, metavar="REPORT")
        monitoring = reports.add_parser("monitoring", help="the quarter's cluster project monitoring report")
        monitoring.add_argument("--period", required=True, type=period_argument, help="e.g. 2025-26-Q2")
        monitoring.add_argument("--format", default="json", choices=["json", "docx", "pdf", "html"], dest="fmt")
        monitoring.add_argument("--language", default="en", choices=["en", "cy", "both"])
        monitoring.add_argument(
            "--committee",
            help="the English name of a committee set up in the app, for the cover (default: the published paper's)",
        )
        monitoring.add_argument(
            "--meeting-date",
            type=date_argument,
            help="date of the meeting, YYYY-MM-DD (required for a paper unless the committee has one)",
        )
        monitoring.add_argument("--cluster", action="append", default=[], help="cluster code; repeat for more")
        monitoring.add_argument("--health-board", help="health board code, e.g. 7A2")
        monitoring.add_argument("--output", type=Path, help="write to this file instead of standard output")

        pack = reports.add_parser("data-pack", help="a cluster's data pack for a quarter")
        pack.add_argument("--cluster", required=True, help="cluster code, e.g. AG")
        pack.add_argument("--period", required=True, type=period_argument)
        pack.add_argument("--format", default="docx", choices=["docx", "pdf", "html"], dest="fmt")
        pack.add_argument("--language", default="en", choices=["en", "cy"])
        pack.add_argument("--output", type=Path)

    def handle(self, report, **options):
        return getattr(self, f"handle_{report.replace('-', '_')}")(**options)

    def handle_data_pack(self, cluster, period, fmt, language, output, **options):
        try:
            data = write_data_pack(cluster.upper(), period, fmt, language)
        except LookupError as error:
            raise CommandError(str(error)) from None
        self._write(data, output or Path(f"data-pack-{cluster.upper()}-{period}.{fmt}"))

    def _write(self, data: bytes, output: Path) -> None:
        output.write_bytes(data)
        self.stdout.write(f"{output}: written ({len(data):,} bytes)")

    def handle_monitoring(
        self, period, fmt, cluster, health_board, output, language="en", committee=None, meeting_date=None, **options
    ):
        clusters = [c.upper() for c in cluster] or None
        if fmt != "json":
            chosen = None
            if committee:
                named = Committee.objects.filter(name_en=committee)
                if health_board:
                    named = named.filter(health_board__code=health_board)
                chosen = named.first()
                if chosen is None:
                    raise CommandError(f"no committee called {committee!r}")
            meeting_date = meeting_date or (chosen.meeting_date if chosen else None)
            if meeting_date is None:
                raise CommandError(
                    "a paper needs the date of its meeting: give --meeting-date YYYY-MM-DD "
                    "(or a --committee whose meeting date is set)"
                )
            document = monitoring_document(period, language, chosen, clusters, health_board, meeting_date=meeting_date)
            return self._write(write(document, fmt), output or Path(f"monitoring-{period}-{language}.{fmt}"))
        summary = monitoring_summary(period, clusters=clusters, health_board=health_board)
        text = json.dumps(summary, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        if output:
            output.write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"{output}: written")
        else:
            (self.stdout if self.stdout else sys.stdout).write(text)
