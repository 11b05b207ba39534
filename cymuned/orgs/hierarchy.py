"""Questions about the organisation on a date: who belongs to whom, and how many patients."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import connections
from django.db.models import QuerySet

from .models import Kind, ListSize, Membership, OrgUnit, name_order


def parent_of(unit: OrgUnit, kind: str, on: date) -> OrgUnit | None:
    """The unit's parent of this kind on this date, if any."""
    link = (
        Membership.objects.on(on)
        .filter(child=unit, parent__kind=kind)
        .select_related("parent")
        .order_by("-valid_from")
        .first()
    )
    return link.parent if link else None


def parents_of(unit: OrgUnit, kinds: Iterable[str], on: date) -> dict[str, OrgUnit]:
    """The unit's parent of each kind on this date (the latest link wins, as in parent_of): one query."""
    return {kind: parent for (_, kind), parent in _parents([unit.pk], kinds, on).items()}


def children_of(unit: OrgUnit, kind: str, on: date) -> QuerySet[OrgUnit]:
    return units_under(unit, [kind], on)


def units_under(unit: OrgUnit, kinds: Iterable[str], on: date) -> QuerySet[OrgUnit]:
    """The unit's children of these kinds that exist on the date."""
    ids = Membership.objects.on(on).filter(parent=unit, child__kind__in=list(kinds)).values("child_id")
    return OrgUnit.objects.filter(pk__in=ids).existing_on(on)


def cluster_of(practice: OrgUnit, on: date) -> OrgUnit | None:
    return parent_of(practice, Kind.CLUSTER, on)


def neighbourhood_of(practice: OrgUnit, on: date) -> OrgUnit | None:
    """A practice's own neighbourhood link wins; otherwise its cluster's, where the whole
    cluster joined one neighbourhood (a split cluster's practices carry their own links)."""
    own = parent_of(practice, Kind.NEIGHBOURHOOD, on)
    if own:
        return own
    cluster = cluster_of(practice, on)
    return parent_of(cluster, Kind.NEIGHBOURHOOD, on) if cluster else None


def _parents(child_ids: Iterable[int], kinds: Iterable[str], on: date) -> dict[tuple[int, str], OrgUnit]:
    """Each child's parent of each kind on the date (the latest link wins, as in parent_of): one query."""
    found: dict[tuple[int, str], OrgUnit] = {}
    links = (
        Membership.objects.on(on)
        .filter(child_id__in=list(child_ids), parent__kind__in=list(kinds))
        .select_related("parent")
        .order_by("child_id", "-valid_from")
    )
    for link in links:
        found.setdefault((link.child_id, link.parent.kind), link.parent)
    return found


def placements(practices: Iterable[OrgUnit], on: date) -> dict[int, tuple[OrgUnit | None, OrgUnit | None]]:
    """(cluster, neighbourhood) of each practice on the date, by the rules of cluster_of and
    neighbourhood_of, in two queries whatever the number of practices."""
    ids = [p.pk for p in practices]
    own = _parents(ids, (Kind.CLUSTER, Kind.NEIGHBOURHOOD), on)
    clusters = {pk: own.get((pk, Kind.CLUSTER)) for pk in ids}
    theirs = _parents({c.pk for c in clusters.values() if c}, (Kind.NEIGHBOURHOOD,), on)
    return {
        pk: (
            clusters[pk],
            own.get((pk, Kind.NEIGHBOURHOOD)) or _neighbourhood_of(clusters[pk], theirs),
        )
        for pk in ids
    }


def practices_in(unit: OrgUnit, on: date) -> list[OrgUnit]:
    """Practices in a cluster or neighbourhood on a date."""
    if unit.kind == Kind.CLUSTER:
        return list(children_of(unit, Kind.PRACTICE, on).order_by(*name_order()))
    if unit.kind == Kind.NEIGHBOURHOOD:
        candidates = set(children_of(unit, Kind.PRACTICE, on))
        clusters = children_of(unit, Kind.CLUSTER, on).values("pk")
        member_ids = Membership.objects.on(on).filter(parent__in=clusters, child__kind=Kind.PRACTICE).values("child_id")
        candidates.update(OrgUnit.objects.filter(pk__in=member_ids).existing_on(on))
        placed = placements(candidates, on)
        return sorted(
            (p for p in candidates if (n := placed[p.pk][1]) and n.pk == unit.pk),
            key=lambda p: p.name_en,
        )
    raise ValueError(f"{unit} holds no practices")


def list_size_on(practice: OrgUnit, on: date) -> ListSize | None:
    """The latest published list size on or before the date."""
    return ListSize.objects.filter(practice=practice, as_of__lte=on).order_by("-as_of").first()


def list_sizes_on(practices: Iterable[OrgUnit], on: date) -> dict[int, int]:
    """Registered patients by practice id, one query."""
    sizes: dict[int, int] = {}
    rows = (
        ListSize.objects.filter(practice__in=list(practices), as_of__lte=on)
        .order_by("practice_id", "-as_of")
        .values_list("practice_id", "patients")
    )
    for practice_id, patients in rows:
        sizes.setdefault(practice_id, patients)
    return sizes


def ancestor_ids(unit_ids: Iterable[int], on: date) -> set[int]:
    """The units and every unit above them on the date."""
    return _walk(unit_ids, on, "child_id", "parent_id")


def descendant_ids(unit_ids: Iterable[int], on: date) -> set[int]:
    """The units and every unit below them on the date."""
    return _walk(unit_ids, on, "parent_id", "child_id")


def _walk(unit_ids: Iterable[int], on: date, start: str, end: str) -> set[int]:
    """The units and every unit reached from them over the memberships live on the date, from `start`
    to `end`, in one recursive query: every page asks who is above a unit (access is decided by the
    roles held on a unit's lineage), and a query per level was three of a project page's queries.
    The ORM has no recursive common table expression, hence the SQL around the condition the ORM
    compiles from `Membership.objects.on`; UNION (not UNION ALL) keeps the walk finite should the
    memberships ever hold a loop."""
    seen = set(unit_ids)
    if not seen:
        return seen
    live = Membership.objects.on(on)  # the one rule of which memberships hold on a date
    alias = live.db
    condition, condition_params = live.query.get_compiler(using=alias).compile(live.query.where)
    table = connections[alias].ops.quote_name(Membership._meta.db_table)
    marks = ", ".join(["%s"] * len(seen))
    sql = (
        f"WITH RECURSIVE walk(id) AS ("
        f" SELECT {table}.{end} FROM {table} WHERE {table}.{start} IN ({marks}) AND {condition}"
        f" UNION SELECT {table}.{end} FROM {table} JOIN walk ON {table}.{start} = walk.id WHERE {condition}"
        f") SELECT id FROM walk"
    )
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [*seen, *condition_params, *condition_params])
        seen.update(row[0] for row in cursor.fetchall())
    return seen


def neighbourhood_split(clusters: Iterable[OrgUnit], on: date) -> dict[str, dict[str, int]]:
    """For each cluster, the neighbourhoods its patients belong to on the date, with patient counts
    as weights (a whole cluster counts as one)."""
    split: dict[str, dict[str, int]] = {}
    for cluster in clusters:
        whole = parent_of(cluster, Kind.NEIGHBOURHOOD, on)
        if whole:
            split[cluster.code] = {whole.code: 1}
            continue
        practices = practices_in(cluster, on)
        sizes = list_sizes_on(practices, on)
        weights: dict[str, int] = defaultdict(int)
        for practice in practices:
            own = parent_of(practice, Kind.NEIGHBOURHOOD, on)
            if own:
                weights[own.code] += sizes.get(practice.pk, 0)
        split[cluster.code] = dict(weights)
    return split


def _neighbourhood_of(cluster: OrgUnit | None, parents: dict[tuple[int, str], OrgUnit]) -> OrgUnit | None:
    return parents.get((cluster.pk, Kind.NEIGHBOURHOOD)) if cluster is not None else None
