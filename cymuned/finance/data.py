"""Gathering the registered and deprivation-weighted populations that allocation divides by."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from cymuned.definitions.versions import in_force
from cymuned.geography.models import DecileWeight, Lsoa, PracticeLsoa
from cymuned.orgs.hierarchy import list_sizes_on, parent_of, practices_in
from cymuned.orgs.models import Kind, OrgUnit

from .allocation import Coverage, weights_of


@dataclass
class Populations:
    """Registered patients and patients by WIMD decile, by cluster and by practice."""

    registered: dict[str, int] = field(default_factory=dict)  # cluster code → patients
    by_decile: dict[str, dict[int, int]] = field(default_factory=dict)  # cluster code → decile → patients
    practices: dict[str, list[tuple[OrgUnit, int, dict[int, int]]]] = field(default_factory=dict)

    def coverage(self) -> list[Coverage]:
        return [Coverage(code, n, sum(self.by_decile.get(code, {}).values())) for code, n in self.registered.items()]

    def all_by_decile(self) -> dict[int, int]:
        counts: dict[int, int] = defaultdict(int)
        for deciles in self.by_decile.values():
            for decile, n in deciles.items():
                counts[decile] += n
        return dict(counts)


def gather(clusters: list[OrgUnit], on: date) -> Populations:
    """Every cluster appears, with 0 patients if it has none."""
    result = Populations()
    deciles = dict(Lsoa.objects.values_list("code", "decile"))
    for cluster in clusters:
        practices = practices_in(cluster, on)
        sizes = list_sizes_on(practices, on)
        by_practice: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for practice_id, lsoa_code, patients in PracticeLsoa.objects.filter(practice__in=practices).values_list(
            "practice_id", "lsoa_code", "patients"
        ):
            if lsoa_code in deciles:
                by_practice[practice_id][deciles[lsoa_code]] += patients
        counts: dict[int, int] = defaultdict(int)
        for practice_counts in by_practice.values():
            for decile, n in practice_counts.items():
                counts[decile] += n
        result.registered[cluster.code] = sum(sizes.values())
        result.by_decile[cluster.code] = dict(counts)
        result.practices[cluster.code] = [(p, sizes.get(p.pk, 0), dict(by_practice.get(p.pk, {}))) for p in practices]
    return result


def populations(clusters: list[OrgUnit], on: date) -> tuple[dict[str, int], dict[str, dict[int, int]]]:
    """Registered patients by cluster, and patients by WIMD decile by cluster."""
    found = gather(clusters, on)
    return found.registered, found.by_decile


def neighbourhood_parts(
    clusters: list[OrgUnit], found: Populations, on: date
) -> dict[str, dict[str, tuple[int, dict[int, int]]]]:
    """For each cluster, the neighbourhoods its practices belong to on the date, each with the
    (registered patients, patients by decile) of the practices going there; a cluster wholly in one
    neighbourhood has one part, a cluster in none has the part ''."""
    parts: dict[str, dict[str, tuple[int, dict[int, int]]]] = {}
    for cluster in clusters:
        whole = parent_of(cluster, Kind.NEIGHBOURHOOD, on)
        if whole:
            parts[cluster.code] = {whole.code: (found.registered[cluster.code], found.by_decile[cluster.code])}
            continue
        by_place: dict[str, tuple[int, dict[int, int]]] = {}
        for practice, registered, by_decile in found.practices[cluster.code]:
            own = parent_of(practice, Kind.NEIGHBOURHOOD, on)
            key = own.code if own else ""
            n, counts = by_place.get(key, (0, {}))
            merged = dict(counts)
            for decile, patients in by_decile.items():
                merged[decile] = merged.get(decile, 0) + patients
            by_place[key] = (n + registered, merged)
        parts[cluster.code] = by_place or {"": (0, {})}
    return parts


def decile_weights(on: date) -> dict[int, Decimal]:
    """The weights in force on a date (the `wimd-decile-weights` definition), each replaced by the
    weight an administrator has set for its decile (Geography → Decile weights), if any."""
    stored = dict(DecileWeight.objects.values_list("decile", "weight"))
    return {d: stored.get(d, w) for d, w in weights_of(in_force("wimd-decile-weights", on).content).items()}
