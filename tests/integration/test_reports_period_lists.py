"""Issue 12 item 15: the finished (grey) and Value and Sustainability Group (yellow) lists of a
quarter's paper hold what finished in, or is under review during, that quarter, not every project
that ever finished."""

import io
import json
from datetime import date

from django.core.management import call_command

from cymuned.portfolio.monitoring import monitoring_summary

from .. import factories


def _codes(items):
    return sorted(item["code"] for item in items)


def test_finished_and_review_lists_follow_the_quarter(world):
    factories.project("AG-OLD", [world.ag], state="finished", end_date=date(2025, 2, 28))
    factories.project("AG-MAY", [world.ag], state="finished", end_date=date(2025, 5, 31))
    factories.project("LL-STOP", [world.ll], state="stopped", end_date=date(2026, 5, 15))
    undated = factories.project("LL-UNDATED", [world.ll], state="finished")
    factories.monitoring_return(undated, "2025-26-Q2")
    twice = factories.project("LL-UNDATED-2", [world.ll], state="stopped")
    factories.monitoring_return(twice, "2025-26-Q1")
    factories.monitoring_return(twice, "2025-26-Q2")  # its last return: not listed at the first
    factories.project("AG-REV", [world.ag], state="under_review")
    factories.project("LL-REV-ENDED", [world.ll], state="under_review", end_date=date(2025, 3, 31))
    factories.project("LL-REV-LATER", [world.ll], state="under_review", start_date=date(2026, 4, 1))

    q4 = monitoring_summary("2024-25-Q4")
    # the seed 002 paper (Q4 2024/25) lists what ceased in February and March 2025 and the
    # Dermatology clinic "ending May 2025", in the next quarter
    assert _codes(q4["finished"]) == ["AG-MAY", "AG-OLD"]
    assert _codes(q4["for_review"]) == ["AG-REV", "LL-REV-ENDED"]

    q1 = monitoring_summary("2025-26-Q1")
    assert _codes(q1["finished"]) == ["AG-MAY"]
    assert _codes(q1["for_review"]) == ["AG-REV"]

    assert _codes(monitoring_summary("2025-26-Q2")["finished"]) == ["LL-UNDATED", "LL-UNDATED-2"]  # at the last return

    # a 2026-27 paper no longer lists projects finished in 2025
    later = monitoring_summary("2026-27-Q1")
    assert _codes(later["finished"]) == ["LL-STOP"]
    assert _codes(later["for_review"]) == ["AG-REV", "LL-REV-LATER"]


def test_demo_lists_match_the_seed_paper_and_empty_later(db):
    """Seed 002, 'Grey – projects finished' (Q4 2024/25): Dermatology (AG), Trial without Catheter
    (seven clusters), PAPHYRUS (NC), Partners for the Journey (SP): ten projects."""
    call_command("setup-demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("report", "monitoring", "--period", "2024-25-Q4", "--format", "json", stdout=out)
    finished = json.loads(out.getvalue())["finished"]
    assert len(finished) == 10
    assert {item["name"] for item in finished} == {
        "Dermatology Non-pigmented Lesion Clinic / Diagnostic Uncertainty",
        "Trial Without Catheter (TWOC)",
        "PAPHYRUS",
        "Partners for the Journey (Mind and CAB)",
    }
    assert monitoring_summary("2026-27-Q1")["finished"] == []
