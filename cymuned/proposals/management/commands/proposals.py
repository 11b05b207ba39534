import csv
import json
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError

from cymuned.money import parse_money
from cymuned.periods import FinancialYear
from cymuned.proposals.data import as_json, gather
from cymuned.proposals.models import Round

COLUMNS = [
    "rank",
    "code",
    "score",
    "passes_hurdles",
    "failed_hurdles",
    "rank_best",
    "rank_worst",
    "sensitive",
    "first_year_cost_gbp",
    "score_per_1000_gbp",
    "funded",
]


def money_argument(text: str) -> Decimal:
    try:
        value = parse_money(text)
    except ValueError:
        raise CommandError(f"{text!r} is not an amount of money like 250000 or £250,000") from None
    if value < 0:
        raise CommandError("the budget may not be negative")
    return value


def percent_argument(text: str) -> Decimal:
    try:
        value = Decimal(text.strip().rstrip("%"))
    except InvalidOperation:
        raise CommandError(f"{text!r} is not a percentage") from None
    if not value.is_finite() or not 0 <= value <= 100:
        raise CommandError("the sensitivity is a percentage from 0 to 100")
    return value


class Command(BaseCommand):
    help = "Funding rounds: `cymuned proposals rank --round 2026-27 [--budget GBP] [--sensitivity 20] --format json|table|csv`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        rank = sub.add_parser("rank", help="rank a round's proposals, with weight sensitivity and a budget")
        rank.add_argument("--round", required=True, help="financial year of the round, e.g. 2026-27")
        rank.add_argument("--health-board", help="the round's health board code, when several boards hold one")
        rank.add_argument("--budget", type=money_argument, help="money available in the first year, in pounds")
        rank.add_argument(
            "--sensitivity", type=percent_argument, help="move each weight by ± this %% (default: the round's, 20)"
        )
        rank.add_argument("--format", dest="fmt", choices=["json", "table", "csv"], default="table")

    def handle(self, action, round, health_board, budget, sensitivity, fmt, **options):
        try:
            year = str(FinancialYear.parse(round))
        except ValueError as error:
            raise CommandError(str(error)) from None
        rounds = Round.objects.filter(year=year).select_related("health_board")
        if health_board:
            rounds = rounds.filter(health_board__code=health_board.upper())
        found = list(rounds[:2])
        if not found:
            raise CommandError(f"no funding round {year}" + (f" for {health_board}" if health_board else ""))
        if len(found) > 1:
            raise CommandError(f"several health boards hold a round {year}: give --health-board")
        data = gather(found[0], budget=budget, sensitivity=sensitivity)
        document = as_json(data)
        if fmt == "json":
            self.stdout.write(json.dumps(document, indent=2, ensure_ascii=False))
            return
        rows = [
            [
                p["rank"],
                p["code"],
                p["score"],
                "yes" if p["passes_hurdles"] else "no",
                ";".join(p["failed_hurdles"]),
                p["rank_best"],
                p["rank_worst"],
                "yes" if p["sensitive"] else "no",
                p["first_year_cost_gbp"],
                "" if p["score_per_1000_gbp"] is None else p["score_per_1000_gbp"],
                "yes" if p["funded"] else "no",
            ]
            for p in document["proposals"]
        ]
        if fmt == "csv":
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows(rows)
            return
        widths = [max(len(str(x)) for x in column) for column in zip(COLUMNS, *rows, strict=False)]
        for line in [COLUMNS, *rows]:
            self.stdout.write("  ".join(str(x).rjust(w) for x, w in zip(line, widths, strict=False)))
        if document["budget_gbp"] is not None:
            self.stdout.write(
                f"budget {document['budget_gbp']}  funded {document['funded_total_gbp']}  remaining {document['remaining_gbp']}"
            )
        for candidate in document["release_candidates"]:
            self.stdout.write(
                f"release candidate {candidate['code']}  {candidate['annual_budget_gbp']}  {candidate['why']}"
            )
