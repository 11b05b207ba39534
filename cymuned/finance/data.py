"""Gathering the registered and deprivation-weighted populations that allocation divides by."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from cymuned.definitions.versions import in_force
from cymuned.geography.models import DecileWeight, Lsoa, PracticeLsoa
from cymuned.indicators.models import PatientCount
from cymuned.orgs.hierarchy import list_sizes_on, parent_of, practices_in
from cymuned.orgs.models import Kind, OrgUnit

from .allocation import Coverage, age_weighted_population, age_weights_of, weights_of


@dataclass
class Populations:
    """Registered patients and patients by WIMD decile, by cluster and by practice."""

    registered: dict[str, int] = field(default_factory=dict)  # cluster code → patients
    by_decile: dict[str, dict[int, int]] = field(default_factory=dict)  # cluster code → decile → patients
    practices: dict[str, list[tuple[OrgUnit, int, dict[int, int]]]] = field(default_factory=dict)
    # Registered patients by five-year age band (both sexes), from each practice's latest list by age
    # band on or before the date; a practice with none is absent.
    practice_ages: dict[int, dict[str, int]] = field(default_factory=dict)  # practice id → band → patients

    def by_age(self, cluster: str) -> dict[str, int] | None:
        """A cluster's patients by age band; None when none of its practices has a list by age band."""
        known = [
            self.practice_ages[p.pk] for p, _n, _d in self.practices.get(cluster, []) if p.pk in self.practice_ages
        ]
        return _added(known) if known else None

    def without_ages(self) -> list[str]:
        """Clusters with registered patients but at least one practice with no list by age band."""
        return [
            code
            for code, practices in self.practices.items()
            if self.registered.get(code) and any(p.pk not in self.practice_ages for p, n, _d in practices if n)
        ]

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
    result.practice_ages = patients_by_age([p.pk for ps in result.practices.values() for p, _n, _d in ps], on)
    return result


def patients_by_age(practice_ids: list[int], on: date) -> dict[int, dict[str, int]]:
    """Each practice's registered patients by age band (sexes added) on its latest list-by-age date on
    or before `on`, in one query."""
    latest: dict[int, date] = {}
    found: dict[int, dict[str, int]] = {}
    rows = PatientCount.objects.filter(practice_id__in=practice_ids, as_of__lte=on).values_list(
        "practice_id", "as_of", "age_band", "patients"
    )
    for practice, as_of, band, patients in rows.order_by("practice_id", "-as_of"):
        if latest.setdefault(practice, as_of) != as_of:
            continue
        bands = found.setdefault(practice, {})
        bands[band] = bands.get(band, 0) + patients
    return found


def populations(clusters: list[OrgUnit], on: date) -> tuple[dict[str, int], dict[str, dict[int, int]]]:
    """Registered patients by cluster, and patients by WIMD decile by cluster."""
    found = gather(clusters, on)
    return found.registered, found.by_decile


def _places(clusters: list[OrgUnit], found: Populations, on: date) -> dict[str, dict[str, list[OrgUnit]] | str]:
    """For each cluster, the neighbourhood it belongs to wholly on the date (its code), or its
    practices grouped by the neighbourhood each belongs to ('' for none)."""
    places: dict[str, dict[str, list[OrgUnit]] | str] = {}
    for cluster in clusters:
        whole = parent_of(cluster, Kind.NEIGHBOURHOOD, on)
        if whole:
            places[cluster.code] = whole.code
            continue
        grouped: dict[str, list[OrgUnit]] = {}
        for practice, _registered, _by_decile in found.practices[cluster.code]:
            own = parent_of(practice, Kind.NEIGHBOURHOOD, on)
            grouped.setdefault(own.code if own else "", []).append(practice)
        places[cluster.code] = grouped
    return places


def neighbourhood_parts(
    clusters: list[OrgUnit], found: Populations, on: date
) -> dict[str, dict[str, tuple[int, dict[int, int]]]]:
    """For each cluster, the neighbourhoods its practices belong to on the date, each with the
    (registered patients, patients by decile) of the practices going there; a cluster wholly in one
    neighbourhood has one part, a cluster in none has the part ''."""
    parts: dict[str, dict[str, tuple[int, dict[int, int]]]] = {}
    for code, place in _places(clusters, found, on).items():
        if isinstance(place, str):
            parts[code] = {place: (found.registered[code], found.by_decile[code])}
            continue
        own = {p.pk: (n, d) for p, n, d in found.practices[code]}
        by_place: dict[str, tuple[int, dict[int, int]]] = {}
        for key, practices in place.items():
            merged: dict[int, int] = {}
            for practice in practices:
                for decile, patients in own[practice.pk][1].items():
                    merged[decile] = merged.get(decile, 0) + patients
            by_place[key] = (sum(own[p.pk][0] for p in practices), merged)
        parts[code] = by_place or {"": (0, {})}
    return parts


def neighbourhood_age_parts(
    clusters: list[OrgUnit], found: Populations, on: date, weights: dict[str, Decimal]
) -> dict[str, dict[str, Fraction]]:
    """For each split cluster, the age-weighted patients of the practices going to each neighbourhood
    (the same grouping as `neighbourhood_parts`); clusters wholly in one place are left out."""
    parts: dict[str, dict[str, Fraction]] = {}
    for code, place in _places(clusters, found, on).items():
        if isinstance(place, str):
            continue
        bands = {key: _added(found.practice_ages.get(p.pk, {}) for p in practices) for key, practices in place.items()}
        parts[code] = age_weighted_population(bands, weights)
    return parts


def _added(counts: Iterable[dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = defaultdict(int)
    for bands in counts:
        for band, n in bands.items():
            total[band] += n
    return dict(total)


def age_weights(on: date) -> dict[str, Decimal]:
    """The age band weights in force on a date (the `age-band-weights` definition)."""
    return age_weights_of(in_force("age-band-weights", on).content)


def decile_weights(on: date) -> dict[int, Decimal]:
    """The weights in force on a date (the `wimd-decile-weights` definition), each replaced by the
    weight an administrator has set for its decile (Geography → Decile weights), if any."""
    stored = dict(DecileWeight.objects.values_list("decile", "weight"))
    return {d: stored.get(d, w) for d, w in weights_of(in_force("wimd-decile-weights", on).content).items()}
