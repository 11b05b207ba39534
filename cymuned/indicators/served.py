"""The trend of the indicators a project or proposal aims to move, for the units it serves: each
indicator's value in every year with data, for each cluster served and for Wales, as the Key Indicator
Dashboard works them out (practices' memberships as at the latest year's end, published rows first)."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import translation

from cymuned.orgs.models import Kind, OrgUnit

from .data import Sums, definitions, gather_years, min_ages, structure, years_with_data
from .definitions import Definition
from .denominators import year_end
from .figures import Figure, decimal_text


@dataclass(frozen=True)
class Cell:
    """One year's figure as people read it: the value in the indicator's unit with its 95 % interval, or
    why there is none."""

    figure: Figure
    text: str | None
    lower: str | None
    upper: str | None


@dataclass(frozen=True)
class UnitTrend:
    unit: OrgUnit
    cells: list[Cell]


@dataclass(frozen=True)
class IndicatorTrend:
    definition: Definition
    years: list[str]
    units: list[UnitTrend]

    @property
    def name(self) -> str:
        d = self.definition
        return d.name_cy if translation.get_language() == "cy" and d.name_cy else d.name_en


def _cell(figure: Figure, definition: Definition) -> Cell:
    shown = figure.shown
    return Cell(
        figure,
        decimal_text(figure.value, definition.unit) if shown else None,
        decimal_text(figure.lower_95, definition.unit) if shown else None,
        decimal_text(figure.upper_95, definition.unit) if shown else None,
    )


def trends(codes: Sequence[str], units: Sequence[OrgUnit]) -> list[IndicatorTrend]:
    """For each indicator named (in the order named; unknown ids are left out), its figure in every year
    with data for each unit and for Wales. Reads each year's rows once, whatever the number of
    indicators and units."""
    wanted = {d.id: d for d in definitions() if d.id in set(codes)}
    chosen = [wanted[code] for code in codes if code in wanted]
    if not chosen:
        return []
    years = years_with_data()
    if not years:
        return [IndicatorTrend(d, [], []) for d in chosen]
    shape = structure(year_end(years[-1]))
    wales = next(iter(shape.of_kind(Kind.NATION)), None)
    areas = [*units, *([wales] if wales is not None and wales not in units else [])]
    by_year = gather_years(years, min_ages(chosen))
    sums = [(label, Sums(chosen, data, shape, every_area=False)) for label, data in sorted(by_year.items())]
    return [
        IndicatorTrend(
            definition,
            [label for label, _sums in sums],
            [UnitTrend(area, [_cell(s.figure(definition, area.pk), definition) for _l, s in sums]) for area in areas],
        )
        for definition in chosen
    ]


def indicator_choices() -> list[tuple[str, str]]:
    """(id, name) of every indicator in force, in the dashboard's order, for a form's choices."""
    welsh = translation.get_language() == "cy"
    return [(d.id, d.name_cy if welsh and d.name_cy else d.name_en) for d in definitions()]
