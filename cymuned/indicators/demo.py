"""Synthetic registers and age bands for the demo practices of Hywel Dda, with board and Wales rows, all
marked synthetic, written through the importers. Magnitudes are plausible, not real: hypertension
about 15–17 %, diabetes (17+) 7–8 %, asthma about 7 %, an older population than Wales's average."""

import random

from cymuned.orgs.models import Kind, OrgUnit

from .data import definitions
from .definitions import shipped
from .denominators import AGE_BANDS, population_aged
from .importers import ListSizeImporter, RegisterImporter
from .loading import load as load_definitions
from .models import RegisterCount

YEARS = ("2022-23", "2023-24", "2024-25")
# share of patients in each five-year band (0-4 … 85+), West Wales's older profile
PROFILE = (4.4, 5.0, 5.3, 5.2, 5.0, 5.3, 5.6, 5.8, 5.6, 6.0, 6.8, 7.2, 7.0, 6.8, 6.6, 5.4, 3.8, 3.2)
# recorded prevalence (per cent of the indicator's population) around which practices vary
PREVALENCE = {
    "hypertension": 16.0,
    "diabetes": 7.6,
    "asthma": 7.0,
    "copd": 2.6,
    "coronary-heart-disease": 3.6,
    "atrial-fibrillation": 2.6,
    "heart-failure": 1.1,
    "stroke-tia": 2.2,
    "chronic-kidney-disease": 3.9,
    "obesity": 12.5,
    "depression": 11.5,
    "dementia": 0.9,
    "cancer": 3.7,
    "mental-health": 1.0,
    "learning-disability": 0.6,
    "epilepsy": 0.9,
}
WALES_PATIENTS = 3_240_000  # about Wales's registered population
WALES_FACTOR = 0.95  # Wales's prevalence against the demo board's (Hywel Dda is older)


def _csv(header: tuple[str, ...], rows: list[tuple[object, ...]]) -> bytes:
    lines = [",".join(header)] + [",".join(str(v) for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def name_aims() -> None:
    """The demo's projects aimed at a priority condition (hypertension, diabetes, asthma) name its
    indicator, so the project page shows its trend; a project that names any already is left alone."""
    from cymuned.portfolio.models import Project

    known = {d.id for d in definitions()}
    for condition in ("hypertension", "diabetes", "asthma"):
        if condition in known:
            Project.objects.filter(priority_condition=condition, indicators=[]).update(indicators=[condition])


def load(stdout) -> None:
    load_definitions(shipped())
    name_aims()
    if RegisterCount.objects.exists():
        return
    practices = list(OrgUnit.objects.filter(kind=Kind.PRACTICE, synthetic=True).order_by("code"))
    board = OrgUnit.objects.filter(code="7A2").first()
    if not practices or board is None:
        return
    rng = random.Random(16)
    defs = {d.id: d for d in definitions()}
    band_rows: list[tuple[object, ...]] = []
    register_rows: list[tuple[object, ...]] = []
    board_totals: dict[tuple[str, str, str], int] = {}
    for practice in practices:
        size = practice.list_sizes.order_by("-as_of").values_list("patients", flat=True).first() or 6000
        older = rng.uniform(0.8, 1.25)  # how much older than the profile this practice's list is
        need = rng.uniform(0.85, 1.2)  # how much more illness than the board's typical practice
        weights = [share * (older if i >= 13 else 1.0) for i, share in enumerate(PROFILE)]
        for y, year in enumerate(YEARS):
            patients = round(size * (0.98 + 0.01 * y))
            bands = {band: round(patients * w / sum(weights)) for band, w in zip(AGE_BANDS, weights, strict=True)}
            as_of = f"{2023 + y}-01-01"
            for band, count in bands.items():
                female = round(count * 0.51)
                band_rows += [
                    (practice.code, as_of, band, "female", female),
                    (practice.code, as_of, band, "male", count - female),
                ]
            for register, rate in PREVALENCE.items():
                population = population_aged(bands, defs[register].min_age)
                drift = 1.0 + 0.015 * (y - 2) * (1 if register in ("diabetes", "obesity", "hypertension") else 0)
                value = round(population * rate / 100 * need * drift * (older if register != "asthma" else 1.0))
                register_rows.append((value, year, practice.code, register, "Patients on register", "synthetic"))
                for measure, figure in (("Patients on register", value), ("Denominator", population)):
                    key = (register, year, measure)
                    board_totals[key] = board_totals.get(key, 0) + figure
    for (register, year, measure), total in sorted(board_totals.items()):
        register_rows.append((total, year, board.code, register, measure, "synthetic"))
        wales = round(total * WALES_PATIENTS / max(1, board_totals[(register, year, "Denominator")]))
        if measure == "Patients on register":
            wales = round(wales * WALES_FACTOR)
        register_rows.append((wales, year, "W92000004", register, measure, "synthetic"))
    outcome = ListSizeImporter().run(
        _csv(("practice_code", "date", "age_band", "sex", "patients"), band_rows), "list_sizes.csv"
    )
    stdout.write(f"demo list_sizes.csv: {outcome}")
    header = ("Data values", "Year", "Area code", "Register", "Measure", "Notes")
    outcome = RegisterImporter().run(_csv(header, register_rows), "registers.csv")
    stdout.write(f"demo registers.csv: {outcome}")
