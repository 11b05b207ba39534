"""The Key Indicator Dashboard of one area for one year: every indicator's figure against its board and
Wales, every cluster's figure (for the spine chart and funnel plots), the trend and the deprivation
gradient. Used by the page, the downloads, the data pack and `cymuned indicators` alike."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import translation

from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import FinancialYear

from .data import Structure, Sums, Year, definitions, gather_years, min_ages, structure, years_with_data
from .definitions import Definition
from .denominators import year_end
from .figures import Comparison, Figure, compare, decimal_text, figure

FIFTHS = 5


@dataclass(frozen=True)
class Compared:
    area: OrgUnit
    figure: Figure
    comparison: Comparison


@dataclass
class Row:
    definition: Definition
    figure: Figure
    board: Compared | None
    wales: Compared | None
    clusters: list[tuple[OrgUnit, Figure]] = field(default_factory=list)
    trend: list[tuple[str, Figure | None, Figure | None, Figure | None]] = field(default_factory=list)
    gradient: list[Figure] = field(default_factory=list)

    @property
    def name(self) -> str:
        d = self.definition
        return d.name_cy if translation.get_language() == "cy" and d.name_cy else d.name_en

    def text(self, value: float | None) -> str | None:
        return decimal_text(value, self.definition.unit)


@dataclass
class Dashboard:
    unit: OrgUnit
    year: FinancialYear
    on: date
    board: OrgUnit | None
    wales: OrgUnit | None
    rows: list[Row]
    years: list[FinancialYear]


def default_on(unit: OrgUnit, year: FinancialYear) -> date:
    """The year's end; for an area that begins later (a neighbourhood from 1 April 2027), its first day."""
    end = year_end(year)
    return unit.valid_from if unit.valid_from and unit.valid_from > end else end


def board_of(unit: OrgUnit, shape: Structure) -> OrgUnit | None:
    if unit.kind == Kind.HEALTH_BOARD:
        return None
    return shape.parent(unit.pk, Kind.HEALTH_BOARD)


def build(unit: OrgUnit, year: FinancialYear, on: date | None = None, wide: bool = True) -> Dashboard:
    """`wide`: also every cluster's figure, the trend and the gradient (the page); the command and the
    data pack's table need only the area and its comparators. Each year's practice rows are read once
    and summed once per area (`Sums`), whatever the number of indicators and clusters."""
    on = on or default_on(unit, year)
    shape = structure(on)
    defs = definitions()
    years = years_with_data()
    board = board_of(unit, shape)
    wales = next(iter(shape.of_kind(Kind.NATION)), None)
    by_year = gather_years([year, *(years if wide else [])], min_ages(defs))
    current = Sums(defs, by_year[str(year)], shape, every_area=wide)
    rows: list[Row] = []
    for definition in defs:
        own = current.figure(definition, unit.pk)
        compared: list[Compared | None] = []
        for comparator in (board, wales):
            if comparator is None:
                compared.append(None)
                continue
            theirs = current.figure(definition, comparator.pk)
            compared.append(Compared(comparator, theirs, compare(own, theirs, definition.polarity)))
        rows.append(Row(definition, own, compared[0], compared[1]))
    if wide:
        published = {area for _r, area, _m in current.data.published}
        clusters = [c for c in shape.of_kind(Kind.CLUSTER) if shape.practices_of(c.pk) or c.pk in published]
        fifths = practice_fifths(current.data, shape)
        for row in rows:
            row.clusters = [(c, current.figure(row.definition, c.pk)) for c in clusters]
            row.gradient = [
                figure(current.group(row.definition, group), row.definition.unit, row.definition.ci_method)
                for group in fifths
            ]
        sums = {
            label: current if label == str(year) else Sums(defs, data, shape, every_area=False)
            for label, data in sorted(by_year.items())
        }
        for row in rows:
            for label, other in sums.items():
                row.trend.append(
                    (
                        label,
                        other.figure(row.definition, unit.pk),
                        other.figure(row.definition, board.pk) if board else None,
                        other.figure(row.definition, wales.pk) if wales else None,
                    )
                )
    return Dashboard(unit, year, on, board, wales, rows, years)


def practice_fifths(data: Year, shape: Structure) -> list[list[int]]:
    """Wales's practices in five groups of (nearly) equal number, from the least deprived to the most,
    ranked by the share of their patients living in the most deprived fifth of Wales's LSOAs."""
    practices = [p for p in shape.units.values() if p.kind == Kind.PRACTICE and data.placed.get(p.pk, (0, 0))[0]]
    ranked = sorted(practices, key=lambda p: (data.placed[p.pk][1] / data.placed[p.pk][0], p.code))
    size = len(ranked)
    return [[p.pk for p in ranked[i * size // FIFTHS : (i + 1) * size // FIFTHS]] for i in range(FIFTHS)]


# -- the command's contract ------------------------------------------------------------------------
def _compared(compared: Compared | None, row: Row) -> dict[str, str | None] | None:
    if compared is None:
        return None
    c = compared.comparison
    return {
        "code": compared.area.code,
        "value": row.text(compared.figure.value) if compared.figure.shown else None,
        "significance": c.significance.value if c.significance else None,
        "judgement": c.judgement.value if c.judgement else None,
    }


def as_json(dashboard: Dashboard) -> dict[str, object]:
    return {
        "unit": dashboard.unit.code,
        "year": str(dashboard.year),
        "indicators": [
            {
                "id": row.definition.id,
                "numerator": None if row.figure.numerator is None else str(row.figure.numerator),
                "denominator": None if row.figure.denominator is None else str(row.figure.denominator),
                "value": row.text(row.figure.value) if row.figure.shown else None,
                "lower_95": row.text(row.figure.lower_95),
                "upper_95": row.text(row.figure.upper_95),
                "compared_with": {"health_board": _compared(row.board, row), "wales": _compared(row.wales, row)},
            }
            for row in dashboard.rows
        ],
    }


CSV_COLUMNS = (
    "unit",
    "year",
    "id",
    "numerator",
    "denominator",
    "value",
    "lower_95",
    "upper_95",
    "basis",
    "suppressed",
    "health_board",
    "health_board_value",
    "health_board_significance",
    "health_board_judgement",
    "wales",
    "wales_value",
    "wales_significance",
    "wales_judgement",
)


def as_rows(dashboard: Dashboard) -> list[list[object]]:
    """One line per indicator, the JSON's fields flattened (for CSV and XLSX)."""
    lines: list[list[object]] = []
    for entry, row in zip(as_json(dashboard)["indicators"], dashboard.rows, strict=True):  # type: ignore[call-overload]
        line: list[object] = [dashboard.unit.code, str(dashboard.year)]
        line += [entry[k] for k in ("id", "numerator", "denominator", "value", "lower_95", "upper_95")]
        line += [row.figure.basis.value if row.figure.basis else "", "yes" if row.figure.suppressed else ""]
        for side in ("health_board", "wales"):
            c = entry["compared_with"][side] or {}
            line += [c.get("code"), c.get("value"), c.get("significance"), c.get("judgement")]
        lines.append(line)
    return lines
