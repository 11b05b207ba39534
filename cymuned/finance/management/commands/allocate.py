import csv
import json
import sys
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError

from cymuned.finance.allocation import (
    Basis,
    age_weighted_population,
    allocate,
    coverage_problems,
    explain,
    plan,
    rule,
)
from cymuned.finance.data import age_weights, decile_weights, gather
from cymuned.finance.models import Budget
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import FinancialYear
from cymuned.portfolio.queries import clusters_in


def decimal_argument(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "").replace("£", ""))
    except InvalidOperation:
        raise CommandError(f"{text!r} is not a number") from None


class Command(BaseCommand):
    help = (
        "Divide a total between clusters by population, deprivation, a blend of the two, age-weighted "
        "population (age) or the needs blend of age and deprivation (needs), with a pace of change. "
        "The current allocation is each cluster's budget for the year before."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="financial year, e.g. 2026-27")
        parser.add_argument("--total", required=True, type=decimal_argument, help="the total to allocate, in pounds")
        parser.add_argument("--basis", required=True, choices=[b.value for b in Basis])
        parser.add_argument(
            "--weight",
            type=decimal_argument,
            default=Decimal("0.5"),
            help="blend: share of deprivation, 0 to 1",
        )
        parser.add_argument("--years", type=int, default=1, help="years to reach the target")
        parser.add_argument(
            "--cap",
            type=decimal_argument,
            default=Decimal(100),
            help="largest change a year, per cent",
        )
        parser.add_argument("--health-board", help="only this health board's clusters, e.g. 7A2")
        parser.add_argument("--format", dest="fmt", choices=["table", "json", "csv"], default="table")

    def handle(self, year, total, basis, weight, years, cap, health_board, fmt, **options):
        try:
            year = FinancialYear.parse(year)
        except ValueError as error:
            raise CommandError(str(error)) from None
        clusters = OrgUnit.objects.of_kind(Kind.CLUSTER).existing_on(year.start)
        if health_board:
            clusters = clusters.filter(pk__in=clusters_in(health_board, year.start))
        clusters = list(clusters.order_by("code"))
        found = gather(clusters, year.start)
        weights = decile_weights(year.start)
        population = found.registered
        if not any(population.values()):
            raise CommandError("no registered patients found for these clusters: import practices first")
        names = {c.code: c.name for c in clusters}
        coverage = {row.cluster: row for row in found.coverage()}
        refusals, warnings = coverage_problems(list(coverage.values()), names)
        chosen = Basis(basis)
        if refusals and chosen.needs_deprivation:
            raise CommandError("\n".join(refusals))
        ages = age_weights(year.start)
        aged = None
        if chosen.needs_ages:
            missing = found.without_ages()
            if missing:
                raise CommandError(
                    "no registered patients by age band on or before "
                    f"{year.start:%d %B %Y} for practices of: {', '.join(sorted(missing))}; "
                    "import them with `cymuned import list-sizes`"
                )
            aged = age_weighted_population({code: found.by_age(code) or {} for code in population}, ages)
        previous = dict(
            Budget.objects.filter(
                financial_year=str(FinancialYear(year.start_year - 1)), cluster__in=clusters
            ).values_list("cluster__code", "budget_gbp")
        )
        current = {code: previous.get(code, Decimal(0)) for code in population}
        try:
            target = allocate(
                total, chosen, population, found.by_decile, weight, decile_weights=weights, age_weighted=aged
            )
            result = plan(current, target, max(1, years), cap, names)
        except ValueError as error:
            raise CommandError(str(error)) from None
        rows = result.allocations
        warnings = [*warnings, *result.warnings]
        if fmt == "json":
            document = {
                "year": str(year),
                "total_gbp": str(total),
                "basis": basis,
                "weight": str(weight),
                "years": years,
                "cap_pct": str(cap),
                "explanation": explain(chosen, weight, weights, ages if chosen.needs_ages else None),
                "rule": rule(),
                "warnings": warnings,
                "years_to_reach_every_target": result.years_needed,
                "clusters": [
                    {
                        "cluster": r.cluster,
                        "registered_patients": population[r.cluster],
                        "patients_with_lsoa": coverage[r.cluster].with_lsoa,
                        "lsoa_coverage_pct": None if coverage[r.cluster].pct is None else str(coverage[r.cluster].pct),
                        "current_gbp": str(r.current),
                        "target_gbp": str(r.target),
                        "difference_gbp": str(r.difference),
                        "path_gbp": [str(a) for a in r.path],
                        "reaches_target": r.reaches_target,
                    }
                    for r in rows
                ],
            }
            self.stdout.write(json.dumps(document, indent=2, ensure_ascii=False))
            return
        header = [
            "cluster",
            "registered_patients",
            "current_gbp",
            "target_gbp",
            "difference_gbp",
            *[f"year_{n}_gbp" for n in range(1, len(rows[0].path) + 1)],
            "reaches_target",
            "lsoa_coverage_pct",
        ]
        lines = [
            [
                r.cluster,
                population[r.cluster],
                r.current,
                r.target,
                r.difference,
                *r.path,
                "yes" if r.reaches_target else "no",
                "" if coverage[r.cluster].pct is None else coverage[r.cluster].pct,
            ]
            for r in rows
        ]
        for warning in warnings:
            self.stderr.write(f"warning: {warning}")
        if fmt == "csv":
            writer = csv.writer(self.stdout if self.stdout else sys.stdout, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(lines)
            return
        widths = [max(len(str(x)) for x in column) for column in zip(header, *lines, strict=False)]
        for line in [header, *lines]:
            self.stdout.write("  ".join(str(x).rjust(w) for x, w in zip(line, widths, strict=False)))
        self.stdout.write(
            f"{'total'.rjust(widths[0])}  {'':>{widths[1]}}  {sum(current.values())!s:>{widths[2]}}  {sum(target.values())!s:>{widths[3]}}"
        )
