"""`cymuned spc PATH`: the SPC chart of any series, as the pages draw it, for analysts to check."""

import argparse
import csv
import io
import json
import sys
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cymuned.outcomes import spc_words
from cymuned.statistics.spc import Direction, SpcResult, periods_of, xmr

COLUMNS = ("period", "value", "mean", "upper", "lower", "special_cause", "kind", "rules")


def number_argument(text: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise argparse.ArgumentTypeError(_("%(text)r is not a number") % {"text": text})
    return value


def read_series(text: str, source: str) -> list[tuple[str, Decimal]]:
    """Rows of `period,value` in time order; a clear error naming the file, row and column otherwise."""
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    if not rows:
        raise CommandError(_("%(file)s: the file is empty; expected the columns period,value") % {"file": source})
    header = [cell.strip().lower() for cell in rows[0]]
    if header != ["period", "value"]:
        raise CommandError(
            _("%(file)s, row 1: the columns must be period,value in that order (found %(found)s)")
            % {"file": source, "found": ",".join(rows[0]) or _("nothing")}
        )
    series: list[tuple[str, Decimal]] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            raise CommandError(
                _("%(file)s, row %(row)s: expected 2 columns (period,value), found %(n)s")
                % {"file": source, "row": number, "n": len(row)}
            )
        period, raw = row[0].strip(), row[1].strip()
        if not period:
            raise CommandError(_("%(file)s, row %(row)s, column period: empty") % {"file": source, "row": number})
        if period in seen:
            raise CommandError(
                _("%(file)s, row %(row)s, column period: %(period)s already given in row %(first)s")
                % {"file": source, "row": number, "period": period, "first": seen[period]}
            )
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            raise CommandError(
                _("%(file)s, row %(row)s, column value: %(value)r is not a number")
                % {"file": source, "row": number, "value": raw}
            )
        seen[period] = number
        series.append((period, value))
    if len(series) < 2:
        raise CommandError(_("%(file)s: at least two rows of values are needed") % {"file": source})
    return series


def as_json(result: SpcResult) -> dict:
    return {
        "points": [
            {
                "period": p.period,
                "value": p.value,
                "mean": p.mean,
                "upper": p.upper,
                "lower": p.lower,
                "special_cause": p.special_cause,
                "kind": str(p.kind),
                "rules": [str(r) for r in p.rules],
            }
            for p in result.points
        ],
        "variation": None if result.variation is None else str(result.variation),
        "assurance": None if result.assurance is None else str(result.assurance),
        "warnings": spc_words.warnings(result),
    }


class Command(BaseCommand):
    help = (
        "Statistical process control (XmR, Making Data Count rules as NHSRplotthedots applies them) of a CSV "
        "file with the columns period,value in time order ('-' reads standard input)."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV file with the columns period,value; '-' for standard input")
        parser.add_argument("--direction", choices=[d.value for d in Direction], default=Direction.NEITHER.value)
        parser.add_argument("--target", type=number_argument, default=None)
        parser.add_argument(
            "--recalculate-at",
            action="append",
            default=[],
            metavar="PERIOD",
            help="start a new limits period at this period (repeatable)",
        )
        parser.add_argument("--baseline", type=int, default=None, help="fix each period's limits on its first N points")
        parser.add_argument("--format", choices=["json", "csv"], required=True)

    def handle(self, path, direction, target, recalculate_at, baseline, format, **options):
        source = _("standard input") if path == "-" else path
        if path == "-":
            text = sys.stdin.read()
        else:
            try:
                with open(path, encoding="utf-8-sig", newline="") as handle:
                    text = handle.read()
            except OSError as error:
                raise CommandError(
                    _("%(file)s: cannot be read (%(reason)s)") % {"file": path, "reason": error.strerror}
                ) from None
            except UnicodeDecodeError:
                raise CommandError(_("%(file)s: not a UTF-8 text file") % {"file": path}) from None
        series = read_series(text, source)
        index = {period: i for i, (period, _v) in enumerate(series)}
        cuts = []
        for period in recalculate_at:
            if period.strip() not in index:
                raise CommandError(
                    _("--recalculate-at %(period)s: no such period in %(file)s") % {"period": period, "file": source}
                )
            cuts.append(index[period.strip()])
        if baseline is not None and baseline < 2:
            raise CommandError(_("--baseline must be at least 2 points"))
        for period in periods_of(len(series), cuts):
            if len(period) < 2:
                raise CommandError(
                    _("%(file)s: the limits period starting at %(period)s has fewer than two points")
                    % {"file": source, "period": series[period.start][0]}
                )
        try:
            result = xmr(series, Direction(direction), target, cuts, baseline)
        except ValueError as error:
            raise CommandError(f"{source}: {error}") from None
        if format == "json":
            self.stdout.write(json.dumps(as_json(result), indent=2, ensure_ascii=False))
            return
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for p in result.points:
            writer.writerow(
                (
                    p.period,
                    repr(p.value),
                    repr(p.mean),
                    repr(p.upper),
                    repr(p.lower),
                    "true" if p.special_cause else "false",
                    str(p.kind),
                    ";".join(str(r) for r in p.rules),
                )
            )
        self.stdout.write(out.getvalue(), ending="")
        for warning in spc_words.warnings(result):
            self.stderr.write(warning)
