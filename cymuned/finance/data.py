"""Gathering the registered and deprivation-weighted populations that allocation divides by."""

from collections import defaultdict
from datetime import date

from cymuned.orgs.hierarchy import list_sizes_on, practices_in
from cymuned.orgs.models import OrgUnit

from .allocation import DEFAULT_DECILE_WEIGHTS
from .models import DecileWeight, Lsoa, PracticeLsoa


def populations(clusters: list[OrgUnit], on: date) -> tuple[dict[str, int], dict[str, dict[int, int]]]:
    """Registered patients by cluster, and patients by WIMD decile by cluster."""
    population: dict[str, int] = {}
    by_decile: dict[str, dict[int, int]] = {}
    deciles = dict(Lsoa.objects.values_list("code", "decile"))
    for cluster in clusters:
        practices = practices_in(cluster, on)
        sizes = list_sizes_on(practices, on)
        population[cluster.code] = sum(sizes.values())
        counts: dict[int, int] = defaultdict(int)
        for lsoa_code, patients in PracticeLsoa.objects.filter(practice__in=practices).values_list(
            "lsoa_code", "patients"
        ):
            if lsoa_code in deciles:
                counts[deciles[lsoa_code]] += patients
        by_decile[cluster.code] = dict(counts)
    return population, by_decile


def decile_weights():
    stored = dict(DecileWeight.objects.values_list("decile", "weight"))
    return {d: stored.get(d, w) for d, w in DEFAULT_DECILE_WEIGHTS.items()}
