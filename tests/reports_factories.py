"""Factories for the report builders: a monitoring summary shaped like
cymuned.portfolio.monitoring.monitoring_summary's, with the figures of the Hywel Dda paper of July 2025
(seed 002) unless told otherwise, and the scope and meeting that paper names."""

import copy
from datetime import date

from cymuned.reports.scope import ClusterName, Meeting, Scope

OPTOMETRY = (
    "Data is not being received from the Optometrists in the 3 Clusters. PCSMs and the data team are "
    "establishing the reason the Microsoft Form is not sending/receiving the requested information."
)
SEED_FINANCE = {
    "AG": ("Amman Gwendraeth", "435999.00", "430709.00", "27046.87"),
    "LL": ("Llanelli", "469377.00", "474335.00", "36600.74"),
    "TT": ("Tywi/Taf", "449333.00", "417552.00", "31944.25"),
    "NP": ("North Pembrokeshire", "531475.00", "483831.00", "36744.17"),
    "SP": ("South Pembrokeshire", "430716.00", "427821.00", "23928.52"),
    "NC": ("North Ceredigion", "336230.00", "335581.00", "23734.86"),
    "SC": ("South Ceredigion", "363051.00", "359646.00", "26040.29"),
}


def flagged_item(code, name, clusters, rag="red", trend="worsening", narrative="", reasons=()):
    return {
        "code": code,
        "name": name,
        "clusters": list(clusters),
        "rag": rag,
        "computed_rag": rag,
        "trend": trend,
        "reasons": list(reasons),
        "narrative": narrative,
    }


def project_item(code, name, clusters, state="finished", end_date=None):
    return {"code": code, "name": name, "clusters": list(clusters), "state": state, "end_date": end_date}


SEED_SUMMARY = {
    "period": "2024-25-Q4",
    "projects": 54,
    "rag": {"green": 30, "amber": 14, "red": 10},
    "rag_pct": {"green": 56, "amber": 26, "red": 19},
    "trend": {"improving": 8, "stable": 36, "worsening": 10},
    "trend_pct": {"improving": 15, "stable": 67, "worsening": 19},
    "grid": {
        "improving": {"green": 5, "amber": 3, "red": 0},
        "stable": {"green": 25, "amber": 9, "red": 2},
        "worsening": {"green": 0, "amber": 2, "red": 8},
    },
    "flagged": [
        flagged_item("LL-OPTOM", "Optometry Equipment", ["LL"], narrative=OPTOMETRY, reasons=["data not received"]),
        flagged_item("SC-OPTOM", "Optometry Equipment", ["SC"], narrative=OPTOMETRY),
        flagged_item("NC-OPTOM", "Optometry Equipment", ["NC"], narrative=OPTOMETRY),
        flagged_item(
            "NC-PA",
            "Physician Associate",
            ["NC"],
            trend="stable",
            narrative="Funding for the Physician Associate will cease in November 2025 as planned.",
        ),
        flagged_item(
            "TT-PAPYRUS",
            "Papyrus – Delivery of Mental Health Services for Young People",
            ["TT"],
            trend="stable",
            narrative="Due to internal administration/business matters at Papyrus the data has not been delivered.",
        ),
        flagged_item(
            "SP-FCP",
            "First Contact Practitioner Physiotherapy",
            ["SP"],
            rag="amber",
            reasons=["target attainment 97 % is within 5 % of target"],
        ),
    ],
    "finished": [
        project_item(
            "AG-DERM", "Dermatology Non-pigmented Lesion Clinic / Diagnostic Uncertainty", ["AG"], end_date="2025-05-31"
        ),
        *(
            project_item(f"{c}-TWOC", "Trial without Catheter", [c], end_date="2025-02-28")
            for c in ("SP", "AG", "LL", "TT", "NC", "SC", "NP")
        ),
        project_item("NC-PAPHYRUS", "PAPHYRUS", ["NC"], end_date="2025-02-28"),
    ],
    "for_review": [
        project_item("NC-AREA43", "Area 43", ["NC"], state="under_review"),
        project_item("SC-AREA43", "Area 43", ["SC"], state="under_review"),
        project_item("AG-PAIN", "Persistent Pain Service", ["AG"], state="under_review"),
        project_item("NC-PAIN", "Persistent Pain Service", ["NC"], state="under_review"),
    ],
    "finance": [
        {
            "cluster": code,
            "name": name,
            "budget_gbp": budget,
            "spend_gbp": spend,
            "variance_gbp": "0",
            "unallocated_gbp": unknown,
        }
        for code, (name, budget, spend, unknown) in SEED_FINANCE.items()
    ],
}

HYWEL_DDA = Scope(
    "Hywel Dda University Health Board",
    "Bwrdd Iechyd Prifysgol Hywel Dda",
    (
        ClusterName("AG", "Amman Gwendraeth", "Aman Gwendraeth", "Carmarthenshire", "Sir Gaerfyrddin"),
        ClusterName("LL", "Llanelli", "Llanelli", "Carmarthenshire", "Sir Gaerfyrddin"),
        ClusterName("TT", "Tywi/Taf", "Tywi/Taf", "Carmarthenshire", "Sir Gaerfyrddin"),
        ClusterName("NC", "North Ceredigion", "Gogledd Ceredigion", "Ceredigion", "Ceredigion"),
        ClusterName("SC", "South Ceredigion", "De Ceredigion", "Ceredigion", "Ceredigion"),
        ClusterName("NP", "North Pembrokeshire", "Gogledd Sir Benfro", "Pembrokeshire", "Sir Benfro"),
        ClusterName("SP", "South Pembrokeshire", "De Sir Benfro", "Pembrokeshire", "Sir Benfro"),
    ),
)


def summary(**changes) -> dict:
    """The seed's summary, with top-level keys replaced."""
    made = copy.deepcopy(SEED_SUMMARY)
    made.update(changes)
    return made


def counts_summary(period: str, grid: dict[str, dict[str, int]], **changes) -> dict:
    """A summary whose counts and whole percents follow from a risk grid, as the real summary's do."""
    from cymuned.portfolio.summary import counts

    cells = {(trend, rag): n for trend, row in grid.items() for rag, n in row.items()}
    made = counts(period, cells).as_dict() | {"flagged": [], "finished": [], "for_review": [], "finance": []}
    made.update(changes)
    return made


def scope(codes: tuple[str, ...] | None = None) -> Scope:
    if codes is None:
        return HYWEL_DDA
    return Scope(HYWEL_DDA.board_en, HYWEL_DDA.board_cy, tuple(c for c in HYWEL_DDA.clusters if c.code in codes))


def meeting(**changes) -> Meeting:
    made = Meeting.default(on=date(2025, 7, 1))
    return Meeting(**(made.__dict__ | changes))


def definitions():
    """The RAG meanings and risk-grid zones in force, from the definitions' files."""
    from cymuned.portfolio.rag import meanings
    from cymuned.reports.paper_parts import PaperDefinitions
    from tests.definitions import in_files

    return PaperDefinitions(meanings(in_files("rag")), in_files("risk-grid")["zones"])
