"""The figures written into sentences, as the Hywel Dda paper writes them, in English and Welsh."""

import string

import pytest

from cymuned.reports import sentences
from cymuned.reports.numbers import counted, small, words
from cymuned.reports.wording import TEXT, long_date

from .. import reports_factories as f

SEED_TARGET = (
    "Across the seven clusters, 54 cluster projects are being monitored. A significant proportion of these "
    "(56%, 30 projects) are reporting on target (green) to achieve the outcomes identified. 26% of projects (14) "
    "are of concern (amber). 19% of projects (10) are of significant concern (red)."
)
SEED_TREND = (
    "15% of projects (eight) have an improving trend (green). 67% of projects (36) are stable (amber). "
    "Only 19% of projects (10) are deteriorating / worsening (red)."
)


def test_the_seed_figures_in_the_seed_sentences():
    assert sentences.target(f.summary(), f.scope(), "en") == SEED_TARGET
    assert sentences.trend(f.summary(), "en") == SEED_TREND


def test_the_seed_figures_in_welsh():
    assert sentences.target(f.summary(), f.scope(), "cy") == (
        "Ar draws y saith clwstwr, mae 54 o brosiectau clwstwr yn cael eu monitro. Mae cyfran sylweddol o’r rhain "
        "(56%, 30 o brosiectau) yn adrodd eu bod ar y targed (gwyrdd) i gyflawni’r canlyniadau a nodwyd. "
        "Mae 26% o’r prosiectau (14) yn peri pryder (ambr). Mae 19% o’r prosiectau (10) yn peri pryder sylweddol (coch)."
    )
    assert sentences.trend(f.summary(), "cy") == (
        "Mae gan 15% o’r prosiectau (wyth) duedd sy’n gwella (gwyrdd). Mae 67% o’r prosiectau (36) yn sefydlog "
        "(ambr). Dim ond 19% o’r prosiectau (10) sy’n dirywio / gwaethygu (coch)."
    )


def test_background_counts_in_words_as_the_seed_does():
    assert sentences.background_projects(54, f.scope(), "en").startswith(
        "Across the seven clusters, there were fifty-four projects identified for quarterly monitoring."
    )
    assert sentences.background_projects(54, f.scope(), "cy").startswith(
        "Ar draws y saith clwstwr, nodwyd pum deg pedwar o brosiectau i’w monitro bob chwarter."
    )
    assert sentences.position(54, 4, "2024/25", "en") == (
        "The following information summarises these fifty-four projects initiated and managed by Clusters and is "
        "the current position in Quarter 4 for 2024/25."
    )


def test_background_lists_the_clusters_by_county():
    text = sentences.background_clusters(f.scope(), "en")
    assert text.startswith(
        "There are seven Primary Care Clusters in Hywel Dda University Health Board working across the three "
        "counties, namely Amman Gwendraeth Cluster (AG), Llanelli Cluster (LL) and Tywi/Taf Cluster (TT) in "
        "Carmarthenshire, North Ceredigion Cluster (NC) and South Ceredigion Cluster (SC) in Ceredigion and"
    )
    welsh = sentences.background_clusters(f.scope(), "cy")
    assert "yn gweithio ar draws y tair sir, sef Sir Gaerfyrddin: Clwstwr Aman Gwendraeth (AG)" in welsh
    assert "Clwstwr Llanelli (LL) a Chlwstwr Tywi/Taf (TT); Ceredigion:" in welsh


@pytest.mark.parametrize(
    ("grid", "codes", "expected"),
    [
        # three projects over two clusters, a third each
        (
            {"improving": {}, "stable": {"green": 1, "amber": 1, "red": 1}, "worsening": {}},
            ("AG", "LL"),
            "Across the two clusters, three cluster projects are being monitored. 33% of these (one) are reporting "
            "on target (green) to achieve the outcomes identified. 33% of projects (one) are of concern (amber). "
            "33% of projects (one) are of significant concern (red).",
        ),
        # one project in one cluster: the cluster is named, the verb is singular
        (
            {"improving": {"green": 1}, "stable": {}, "worsening": {}},
            ("LL",),
            "In the Llanelli Cluster, one cluster project is being monitored. A significant proportion of these "
            "(100%, one project) are reporting on target (green) to achieve the outcomes identified. 0% of projects "
            "(none) are of concern (amber). 0% of projects (none) are of significant concern (red).",
        ),
        # halves round up: 5 of 8 is 62.5% → 63%
        (
            {"improving": {"green": 5}, "stable": {"amber": 2}, "worsening": {"red": 1}},
            ("AG", "LL", "TT"),
            "Across the three clusters, eight cluster projects are being monitored. A significant proportion of "
            "these (63%, five projects) are reporting on target (green) to achieve the outcomes identified. 25% of "
            "projects (two) are of concern (amber). 13% of projects (one) are of significant concern (red).",
        ),
    ],
)
def test_sentences_for_other_figures(grid, codes, expected):
    summary = f.counts_summary("2025-26-Q2", grid)
    assert sentences.target(summary, f.scope(codes), "en") == expected


def test_trend_says_only_of_a_few_and_none_as_a_word():
    few = f.counts_summary("2025-26-Q2", {"improving": {"green": 2}, "stable": {"amber": 7}, "worsening": {"red": 1}})
    assert sentences.trend(few, "en") == (
        "20% of projects (two) have an improving trend (green). 70% of projects (seven) are stable (amber). "
        "Only 10% of projects (one) are deteriorating / worsening (red)."
    )
    many = f.counts_summary("2025-26-Q2", {"improving": {}, "stable": {"amber": 1}, "worsening": {"red": 3}})
    assert sentences.trend(many, "en").endswith(" 75% of projects (three) are deteriorating / worsening (red).")
    assert sentences.trend(many, "cy").endswith(" Mae 75% o’r prosiectau (tri) yn dirywio / gwaethygu (coch).")
    none = f.counts_summary("2025-26-Q2", {"improving": {"green": 1}, "stable": {}, "worsening": {}})
    assert sentences.trend(none, "en").endswith("0% of projects (none) are deteriorating / worsening (red).")


def test_welsh_counts_mutate_after_the_number():
    two = f.counts_summary("2025-26-Q2", {"improving": {}, "stable": {"green": 2}, "worsening": {}})
    assert sentences.target(two, f.scope(("AG", "LL")), "cy").startswith(
        "Ar draws y ddau glwstwr, mae dau brosiect clwstwr yn cael eu monitro. Mae cyfran sylweddol o’r rhain "
        "(100%, dau brosiect)"
    )
    one = f.counts_summary("2025-26-Q2", {"improving": {}, "stable": {"red": 1}, "worsening": {}})
    assert sentences.target(one, f.scope(("NC",)), "cy").startswith(
        "Yng Nghlwstwr Gogledd Ceredigion, mae un prosiect clwstwr yn cael ei fonitro."
    )
    assert [counted(n, "cluster", "cy") for n in (3, 6, 7, 12)] == [
        "tri chlwstwr",
        "chwe chlwstwr",
        "saith clwstwr",
        "12 o glystyrau",
    ]
    assert counted(3, "county", "cy", article=True) == "tair sir"


def test_numbers_in_words():
    assert [words(n, "en") for n in (0, 8, 13, 20, 54, 99, 100)] == [
        "zero",
        "eight",
        "thirteen",
        "twenty",
        "fifty-four",
        "ninety-nine",
        "100",
    ]
    assert [words(n, "cy") for n in (7, 10, 11, 20, 54, 60)] == [
        "saith",
        "deg",
        "un deg un",
        "dau ddeg",
        "pum deg pedwar",
        "chwe deg",
    ]
    assert [small(n, "en") for n in (0, 8, 10, 36)] == ["none", "eight", "10", "36"]
    # national figures: thousands grouped with a comma, in Welsh as in English
    assert [small(n, lang) for n in (3560, 25043) for lang in ("en", "cy")] == ["3,560"] * 2 + ["25,043"] * 2
    assert (words(1000, "cy"), counted(1234, "project", "cy"), counted(1234, "project", "en")) == (
        "1,000",
        "1,234 o brosiectau",
        "1,234 projects",
    )


def test_finance_data_says_how_many_clusters_have_spend_unknown():
    rows = f.summary()["finance"]
    assert sentences.finance_data(rows, f.scope(), "en").startswith(
        "All seven Clusters have monies that are not allocated to specific projects, which are therefore recorded "
        "as ‘Spend Unknown’ (£206,040 in all)."
    )
    some = [dict(row, unallocated_gbp="0") if row["cluster"] in ("AG", "LL") else row for row in rows]
    assert sentences.finance_data(some, f.scope(), "en").startswith("Five of the seven Clusters have monies")
    assert sentences.finance_data(some, f.scope(), "cy").startswith("Mewn pump o’r saith clwstwr, mae arian")
    none = [dict(row, unallocated_gbp="0.00") for row in rows]
    assert "no spend is recorded as ‘Spend Unknown’" in sentences.finance_data(none, f.scope(), "en")


def test_every_template_has_english_and_welsh_with_the_same_placeholders():
    fields = string.Formatter()
    for key, languages in TEXT.items():
        assert set(languages) == {"en", "cy"}, key
        names = [{name for _text, name, _spec, _conv in fields.parse(languages[lang]) if name} for lang in ("en", "cy")]
        # Welsh may drop the English-only agreement words ("were", "these" is shared)
        assert names[1] <= names[0] | {"projects", "these"}, key


def test_rag_definitions_are_data_in_both_languages():
    from cymuned.portfolio.rag import meanings
    from tests.definitions import in_files

    definitions = meanings(in_files("rag"))
    for rag in ("red", "amber", "green"):
        assert len(definitions[rag]["en"]) == len(definitions[rag]["cy"]) == 6
        assert set(definitions[rag]["intro"]) == {"en", "cy"}
    # seed 002's wording, its numbers filled from the same file's thresholds
    assert "more than 5%" in definitions["red"]["en"][1] and "more than 4 weeks" in definitions["red"]["en"][2]


def test_meeting_dates_as_the_paper_writes_them():
    from datetime import date

    assert long_date(date(2025, 7, 1), "en") == "01 July 2025"
    assert long_date(date(2025, 7, 1), "cy") == "01 Gorffennaf 2025"


# Issue 12 item 17: the thematic overview, written from the projects' themes. The themes below are
# those of seed 002's Q4 2024/25 paper: TWOC in all seven clusters (one project each), Mental Health in
# six (two in LL and NC), FCP and Optometry in five, Women's Health, Persistent Pain, Spirometry and
# Frailty in fewer.
SEED_THEMES = {
    "Trial Without Catheter (TWOC)": dict.fromkeys(("AG", "LL", "TT", "NC", "SC", "NP", "SP"), 1),
    "Mental Health": {"AG": 1, "LL": 2, "TT": 1, "NC": 2, "SC": 1, "SP": 1},
    "First Contact Practitioner Physiotherapy (FCP)": dict.fromkeys(("LL", "NC", "SC", "NP", "SP"), 1),
    "Optometry": dict.fromkeys(("AG", "LL", "NC", "SC", "SP"), 1),
    "Women's Health": dict.fromkeys(("LL", "TT", "NP"), 1),
    "Persistent Pain": dict.fromkeys(("AG", "NC"), 1),
    "Spirometry": dict.fromkeys(("AG", "SP"), 1),
    "Frailty": dict.fromkeys(("SC", "NP"), 1),
    "Dermatology": {"AG": 1},
}


def test_themes_overview_in_english_as_the_seed_writes_it():
    """Seed 002, Assessment, 'Cluster Projects', second paragraph: 'All seven Clusters have engaged in a
    Trial Without Catheter (TWOC) project, six of the seven Clusters have one or more Mental Health
    projects ongoing and five of the Clusters have … Other projects to note are Women's Health Clinics,
    Persistent Pain, Spirometry and Frailty.'"""
    assert sentences.themes_overview(SEED_THEMES, f.scope(), "en") == (
        "All seven Clusters have a Trial Without Catheter (TWOC) project, six of the seven Clusters have one "
        "or more Mental Health projects and five of the seven Clusters have a First Contact Practitioner "
        "Physiotherapy (FCP) project and an Optometry project. Other projects to note are Women's Health, "
        "Frailty, Persistent Pain and Spirometry."
    )


def test_themes_overview_in_welsh_with_number_words_and_mutations():
    """Welsh: 'gan' softens the number (pump → bump; chwech keeps its form), the object after 'mae gan …'
    is softened (prosiect → brosiect), 'a' aspirates (prosiect → phrosiect), 'ac' before 'mae' and
    vowels; the noun after 'o’r saith' stays singular (clwstwr)."""
    assert sentences.themes_overview(SEED_THEMES, f.scope(), "cy") == (
        "Mae gan bob un o’r saith clwstwr brosiect Treialu Heb Gathetr (TWOC), mae gan chwech o’r saith "
        "clwstwr un neu ragor o brosiectau Iechyd Meddwl ac mae gan bump o’r saith clwstwr brosiect "
        "Ffisiotherapi Ymarferydd Cyswllt Cyntaf (FCP) a phrosiect Optometreg. Ymhlith y prosiectau eraill "
        "i’w nodi mae Iechyd Menywod, Eiddilwch, Poen Parhaus a Spirometry."
    )


def test_themes_overview_small_counts_and_one_cluster():
    two = f.scope(("AG", "LL", "TT"))
    themes = {"Frailty": {"AG": 1, "LL": 1}, "Diabetes": {"AG": 1, "LL": 1, "TT": 1}}
    assert sentences.themes_overview(themes, two, "en") == (
        "All three Clusters have a Diabetes project and two of the three Clusters have a Frailty project."
    )
    assert sentences.themes_overview(themes, two, "cy") == (
        "Mae gan bob un o’r tri chlwstwr brosiect Diabetes ac mae gan ddau o’r tri chlwstwr brosiect Eiddilwch."
    )
    only = f.scope(("AG",))
    assert sentences.themes_overview(themes, only, "en") == "The Cluster’s projects include Diabetes and Frailty."
    assert sentences.themes_overview({}, f.scope(), "en") == ""
