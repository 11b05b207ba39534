"""The figures written into sentences, in the manner of the Hywel Dda paper:

"Across the seven clusters, 54 cluster projects are being monitored. A significant proportion of
these (56%, 30 projects) are reporting on target (green) …"

Pure functions: numbers and names in, text out, for language "en" or "cy".
"""

from collections import OrderedDict
from decimal import Decimal

from cymuned.money import format_gbp

from .numbers import counted, small, soft, words
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
    if not scope.clusters:
        return say("background_no_clusters", language, board=scope.board(language))
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
        "n_projects": small(projects, language),
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


# --- The thematic overview (seed 002, Assessment: "All seven Clusters have engaged in a Trial Without
# Catheter (TWOC) project, six of the seven Clusters have one or more Mental Health projects ongoing and
# five of the Clusters have … Other projects to note are Women's Health Clinics, Persistent Pain,
# Spirometry and Frailty.")

# Themes shared by more than half the clusters are counted; up to OTHER_THEMES more (in two clusters
# or more, most clusters first) are named as "other projects to note", as the seed names four.
OTHER_THEMES = 4
# Welsh names of the themes the demonstration and Hywel Dda use; any other theme is printed as entered.
THEMES_CY = {
    "Trial Without Catheter (TWOC)": "Treialu Heb Gathetr (TWOC)",
    "Mental Health": "Iechyd Meddwl",
    "Optometry": "Optometreg",
    "First Contact Practitioner Physiotherapy (FCP)": "Ffisiotherapi Ymarferydd Cyswllt Cyntaf (FCP)",
    "Women's Health": "Iechyd Menywod",
    "Respiratory": "Anadlol",
    "Wellbeing": "Llesiant",
    "Older People": "Pobl Hŷn",
    "Therapies": "Therapïau",
    "Persistent Pain": "Poen Parhaus",
    "Frailty": "Eiddilwch",
    "Cardiovascular": "Cardiofasgwlaidd",
    "Diabetes": "Diabetes",
    "Dermatology": "Dermatoleg",
    "Workforce": "Gweithlu",
    "Medicines": "Meddyginiaethau",
    "Audiology": "Awdioleg",
    "Diagnostics": "Diagnosteg",
}


def _and_cy(items: list[str]) -> str:
    """'A, B a C'; 'ac' before a vowel."""
    if len(items) < 2:
        return "".join(items)
    last = items[-1]
    joiner = " ac " if last[:1].lower() in "aeiouwyâêîôûŵŷ" else " a "
    return ", ".join(items[:-1]) + joiner + last


def _and_en(items: list[str]) -> str:
    return items[0] if len(items) < 2 else ", ".join(items[:-1]) + " and " + items[-1]


def theme_name(theme: str, language: str) -> str:
    return THEMES_CY.get(theme, theme) if language == "cy" else theme


def _object_en(theme: str, single: bool) -> str:
    if single:
        article = "an" if theme[:1].lower() in "aeiou" else "a"
        return f"{article} {theme} project"
    return f"one or more {theme} projects"


def _objects_cy(themes: list[tuple[str, bool]]) -> str:
    """'brosiect X a phrosiect Y', 'un neu ragor o brosiectau X ac un neu ragor …': soft mutation
    of the object after 'mae gan …', aspirate after 'a'."""
    out = []
    for index, (theme, single) in enumerate(themes):
        name = theme_name(theme, "cy")
        if single:
            noun = "brosiect" if index == 0 else "phrosiect"
            out.append(f"{noun} {name}")
        else:
            out.append(f"un neu ragor o brosiectau {name}")
    if len(out) < 2:
        return "".join(out)
    last = out[-1]
    joiner = " ac " if last.startswith("un ") else " a "
    return ", ".join(out[:-1]) + joiner + last


def _of_the_cy(total: int) -> str:
    """'o’r saith clwstwr', 'o’r ddau glwstwr', 'o’r 60 clwstwr'."""
    return "o’r " + (counted(total, "cluster", "cy", article=True) if total <= 10 else f"{total} clwstwr")


def _counted_clause(n: int, total: int, themes: list[tuple[str, bool]], language: str) -> str:
    if language == "en":
        objects = _and_en([_object_en(theme, single) for theme, single in themes])
        if n == total:
            who = "Both Clusters" if total == 2 else f"All {words(total, 'en')} Clusters"
            return f"{who} have {objects}"
        verb = "has" if n == 1 else "have"
        return f"{words(n, 'en')} of the {words(total, 'en')} Clusters {verb} {objects}"
    objects = _objects_cy(themes)
    if n == total:
        who = "y ddau glwstwr" if total == 2 else f"bob un {_of_the_cy(total)}"
        return f"mae gan {who} {objects}"
    return f"mae gan {soft(words(n, 'cy'))} {_of_the_cy(total)} {objects}"


def themes_overview(themes: dict[str, dict[str, int]], scope: Scope, language: str) -> str:
    """The paragraph on what the clusters' projects have in common, from the projects' themes:
    {theme: {cluster code: number of projects}}. Empty when no project has a theme."""
    total = len(scope.clusters)
    codes = {c.code for c in scope.clusters}
    spread = {
        theme: {code: n for code, n in clusters.items() if code in codes and n > 0}
        for theme, clusters in themes.items()
        if theme.strip()
    }
    spread = {theme: clusters for theme, clusters in spread.items() if clusters}
    if not spread or total == 0:
        return ""
    ranked = sorted(spread, key=lambda t: (-len(spread[t]), t.lower()))
    if total == 1:
        named = [theme_name(t, language) for t in ranked]
        if language == "en":
            return f"The Cluster’s projects include {_and_en(named)}."
        return f"Mae prosiectau’r Clwstwr yn cynnwys {_and_cy(named)}."
    counted_themes = [t for t in ranked if 2 * len(spread[t]) > total]
    others = [t for t in ranked if t not in counted_themes and len(spread[t]) >= 2][:OTHER_THEMES]
    sentences = []
    if counted_themes:
        by_count: OrderedDict[int, list[tuple[str, bool]]] = OrderedDict()
        for theme in counted_themes:
            single = all(n == 1 for n in spread[theme].values())
            by_count.setdefault(len(spread[theme]), []).append((theme, single))
        clauses = [_counted_clause(n, total, items, language) for n, items in by_count.items()]
        text = _and_en(clauses) if language == "en" else _and_cy(clauses)
        if language == "cy" and len(clauses) > 1:
            text = ", ".join(clauses[:-1]) + " ac " + clauses[-1]  # 'ac' before 'mae'
        sentences.append(text[:1].upper() + text[1:] + ".")
    if others:
        named = [theme_name(t, language) for t in others]
        if language == "en":
            lead = "Other projects to note are" if counted_themes else "Projects to note are"
            sentences.append(f"{lead} {_and_en(named)}.")
        else:
            lead = "Ymhlith y prosiectau eraill i’w nodi mae" if counted_themes else "Ymhlith y prosiectau i’w nodi mae"
            sentences.append(f"{lead} {_and_cy(named)}.")
    return " ".join(sentences)
