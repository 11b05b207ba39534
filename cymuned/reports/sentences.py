"""The figures written into sentences, in the manner of the Hywel Dda paper:

"Across the seven clusters, 54 cluster projects are being monitored. A significant proportion of
these (56%, 30 projects) are reporting on target (green) …"

Pure functions: numbers and names in, text out, for language "en" or "cy".
"""

from collections import OrderedDict
from decimal import Decimal

from cymuned.money import format_gbp

from .numbers import counted, small, words
from .scope import Scope
from .wording import say

# "A significant proportion of these" is said of half or more; "Only" of a quarter or less.
MAJORITY_PCT = 50
FEW_PCT = 25


def across(scope: Scope, language: str) -> str:
    """'Across the seven clusters' / 'Ar draws y saith clwstwr'; one cluster is named instead."""
    if len(scope.clusters) == 1:
        return say("across_one", language, name=scope.clusters[0].name(language))
    if language == "en":
        return say("across_many", language, clusters=f"{small(len(scope.clusters), 'en')} clusters")
    return say("across_many", language, clusters=counted(len(scope.clusters), "cluster", "cy", article=True))


def _join(items: list[str], language: str) -> str:
    if len(items) < 2:
        return "".join(items)
    last = items[-1]
    if language == "cy" and last.startswith("Clwstwr"):
        last = "Chlwstwr" + last[len("Clwstwr") :]  # 'a' causes the aspirate mutation
    return ", ".join(items[:-1]) + say("and", language) + last


def background_clusters(scope: Scope, language: str) -> str:
    """'There are seven Primary Care Clusters in … namely A Cluster (AG) … in Carmarthenshire, …'"""
    if len(scope.clusters) == 1:
        only = scope.clusters[0]
        return say(
            "background_one_cluster", language, name=only.name(language), code=only.code, board=scope.board(language)
        )
    by_county: OrderedDict[str, list[str]] = OrderedDict()
    for cluster in scope.clusters:
        item = say("cluster_item", language, name=cluster.name(language), code=cluster.code)
        by_county.setdefault(cluster.county(language), []).append(item)
    groups = [
        say("in_county", language, clusters=_join(items, language), county=county) if county else _join(items, language)
        for county, items in by_county.items()
    ]
    counties = [county for county in by_county if county]
    across_counties = ""
    if len(counties) > 1:
        across_counties = say(
            "across_counties", language, counties=counted(len(counties), "county", language, article=True)
        )
    if language == "en":
        names = ", ".join(groups[:-1]) + (" and " if len(groups) > 1 else "") + groups[-1]
        clusters = words(len(scope.clusters), "en")
    else:
        names = say("county_separator", "cy").join(groups)
        clusters = counted(len(scope.clusters), "cluster", "cy")
    return say(
        "background_clusters",
        language,
        clusters=clusters,
        board=scope.board(language),
        across=across_counties,
        names=names,
    )


def background_projects(projects: int, scope: Scope, language: str) -> str:
    return say(
        "background_projects",
        language,
        across=across(scope, language),
        projects=counted(projects, "project", language, spell="words"),
        were="was" if projects == 1 else "were",
    )


def position(projects: int, quarter: int, year: str, language: str) -> str:
    these = ("this" if projects == 1 else "these") if language == "en" else ("hwn" if projects == 1 else "hyn")
    return say(
        "position_text",
        language,
        projects=counted(projects, "project", language, spell="words", article=True),
        these=these,
        quarter=quarter,
        year=year,
    )


def target(summary: dict, scope: Scope, language: str) -> str:
    """The RAG figures: the seed's three sentences, adjusted for one project or a minority."""
    projects, rag, pct = summary["projects"], summary["rag"], summary["rag_pct"]
    values = {
        "across": across(scope, language),
        "n_projects": small(projects, language) if projects < 10 else str(projects),
        "projects": counted(projects, "project", language),
        "green_pct": pct["green"],
        "green_projects": counted(rag["green"], "project", language),
        **{colour: small(rag[colour], language) for colour in ("green", "amber", "red")},
        "amber_pct": pct["amber"],
        "red_pct": pct["red"],
    }
    first = say("target_monitored_one" if projects == 1 else "target_monitored", language, **values)
    green = say("target_green_most" if pct["green"] >= MAJORITY_PCT else "target_green_some", language, **values)
    return " ".join((first, green, say("target_amber_red", language, **values)))


def trend(summary: dict, language: str) -> str:
    counts, pct = summary["trend"], summary["trend_pct"]
    values = {key: small(counts[key], language) for key in counts} | {f"{k}_pct": v for k, v in pct.items()}
    few = 0 < pct["worsening"] <= FEW_PCT
    worsening = say("trend_worsening_few" if few else "trend_worsening_many", language, **values)
    return f"{say('trend_text', language, **values)} {worsening}"


def finance_data(rows: list[dict], scope: Scope, language: str) -> str:
    """How many clusters have 'Spend Unknown', and how much in all."""
    unknown = [Decimal(str(row["unallocated_gbp"])) for row in rows]
    with_unknown = sum(1 for amount in unknown if amount > 0)
    amount = format_gbp(sum(unknown, Decimal(0)))
    total = len(rows)
    if with_unknown == 0:
        return say("unknown_none", language)
    if with_unknown == 1 and total > 1:
        return say("unknown_one", language, amount=amount)
    clusters = words(total, "en") if language == "en" else counted(total, "cluster", "cy", article=True)
    if with_unknown == total:
        return say("unknown_all", language, clusters=clusters, amount=amount)
    some = words(with_unknown, language)
    if language == "en":
        some = some[:1].upper() + some[1:]
    return say("unknown_some", language, some=some, clusters=clusters, amount=amount)
