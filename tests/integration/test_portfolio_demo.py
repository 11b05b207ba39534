"""The demo reproduces the figures of the Hywel Dda monitoring report of 1 July 2025 (seed 002)."""

import io
import json

from django.core.management import call_command


def test_demo_reproduces_the_printed_report(db):
    call_command("setup-demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("report", "monitoring", "--period", "2024-25-Q4", "--format", "json", stdout=out)
    summary = json.loads(out.getvalue())
    assert summary["projects"] == 54
    assert summary["rag"] == {"green": 30, "amber": 14, "red": 10}
    assert summary["rag_pct"] == {"green": 56, "amber": 26, "red": 19}
    assert summary["trend"] == {"improving": 8, "stable": 36, "worsening": 10}
    assert summary["trend_pct"] == {"improving": 15, "stable": 67, "worsening": 19}
    assert summary["grid"] == {
        "worsening": {"green": 0, "amber": 2, "red": 8},
        "stable": {"green": 25, "amber": 9, "red": 2},
        "improving": {"green": 5, "amber": 3, "red": 0},
    }
    flagged = {f["code"]: f for f in summary["flagged"]}
    assert {"LL-OPTOM", "NC-OPTOM", "SC-OPTOM", "TT-PAPYRUS", "NC-PA"} <= set(flagged)
    assert "Physician Associate" in flagged["NC-PA"]["name"] and flagged["NC-PA"]["reasons"]
    assert len(summary["finished"]) >= 10 and summary["for_review"]


def test_narrowing_by_cluster_and_health_board(db):
    call_command("setup-demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command(
        "report",
        "monitoring",
        "--period",
        "2024-25-Q4",
        "--cluster",
        "NC",
        "--cluster",
        "sc",
        stdout=out,
    )
    narrowed = json.loads(out.getvalue())
    assert narrowed["projects"] == 15
    out = io.StringIO()
    call_command("report", "monitoring", "--period", "2024-25-Q4", "--health-board", "7A7", stdout=out)
    assert json.loads(out.getvalue())["projects"] == 0
