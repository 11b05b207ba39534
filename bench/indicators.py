"""The Key Indicator Dashboard's data at national scale: synthetic practices for every one of Wales's 60
clusters that has none (six each, beside the demo's Hywel Dda practices: about 370 in all), their
registered patients by age band and sex on three dates, the 16 registers for three years, and their
patients over the demo LSOAs — written in bulk, all marked synthetic. Added once; a database that holds
them already is left as it is (so `--reuse` measures the same data)."""

import random
from datetime import date

PER_CLUSTER = 6
PREFIX = "W98"
YEARS = ("2022-23", "2023-24", "2024-25")


def year_end(year: str):
    from cymuned.indicators.denominators import year_end as end
    from cymuned.periods import FinancialYear

    return end(FinancialYear.parse(year))


def ensure() -> dict:
    from cymuned.geography.models import Lsoa, PracticeLsoa
    from cymuned.indicators.data import definitions
    from cymuned.indicators.demo import PREVALENCE, PROFILE
    from cymuned.indicators.denominators import AGE_BANDS, population_aged
    from cymuned.indicators.models import PatientCount, RegisterCount
    from cymuned.orgs.models import Kind, Membership, OrgUnit

    if OrgUnit.objects.filter(code__startswith=PREFIX, kind=Kind.PRACTICE).exists():
        return {}
    rng = random.Random(16)
    clusters = [
        c
        for c in OrgUnit.objects.of_kind(Kind.CLUSTER).filter(synthetic=False).order_by("code")
        if not Membership.objects.filter(parent=c, child__kind=Kind.PRACTICE).exists()
    ]
    practices = OrgUnit.objects.bulk_create(
        [
            OrgUnit(
                code=f"{PREFIX}{n:03d}",
                kind=Kind.PRACTICE,
                name_en=f"Synthetic practice {n} of {cluster.code}",
                synthetic=True,
            )
            for n, cluster in enumerate(c for c in clusters for _ in range(PER_CLUSTER))
        ]
    )
    Membership.objects.bulk_create(
        [Membership(child=p, parent=clusters[i // PER_CLUSTER]) for i, p in enumerate(practices)]
    )
    lsoas = list(Lsoa.objects.values_list("code", flat=True))
    defs = {d.id: d for d in definitions()}
    counts: list[PatientCount] = []
    registers: list[RegisterCount] = []
    places: list[PracticeLsoa] = []
    for practice in practices:
        size = rng.randint(3000, 14000)
        older = rng.uniform(0.8, 1.25)
        need = rng.uniform(0.85, 1.2)
        weights = [share * (older if i >= 13 else 1.0) for i, share in enumerate(PROFILE)]
        for y, year in enumerate(YEARS):
            patients = round(size * (0.98 + 0.01 * y))
            bands = {band: round(patients * w / sum(weights)) for band, w in zip(AGE_BANDS, weights, strict=True)}
            for band, count in bands.items():
                female = round(count * 0.51)
                as_of = date(2023 + y, 1, 1)
                counts.append(
                    PatientCount(practice=practice, as_of=as_of, age_band=band, sex="female", patients=female)
                )
                counts.append(
                    PatientCount(practice=practice, as_of=as_of, age_band=band, sex="male", patients=count - female)
                )
            for register, rate in PREVALENCE.items():
                population = population_aged(bands, defs[register].min_age)
                value = round(population * rate / 100 * need * (older if register != "asthma" else 1.0))
                registers.append(
                    RegisterCount(
                        register=register, year=year, area=practice, measure="register", value=value, synthetic=True
                    )
                )
        for code in rng.sample(lsoas, min(6, len(lsoas))):
            places.append(PracticeLsoa(practice=practice, lsoa_code=code, patients=rng.randint(200, 2000)))
    PatientCount.objects.bulk_create(counts, batch_size=5000)
    RegisterCount.objects.bulk_create(registers, batch_size=5000)
    PracticeLsoa.objects.bulk_create(places, batch_size=5000)
    return {"indicator_practices": len(practices), "patient_counts": len(counts), "register_counts": len(registers)}
