"""The paper's note under the financial position when its spend is synthetic (issue 12 item 18):
none when no row is, one sentence when all are, and the clusters named (in the paper's language and
order) when some are. Rows are the seed's finance rows (tests/reports_factories.py)."""

from cymuned.reports.paper_parts import synthetic_note

from ..reports_factories import SEED_SUMMARY, scope


def text(paragraph) -> str:
    return "".join(run.text for run in paragraph.runs)


def rows(made_up: set[str]) -> list[dict]:
    return [dict(row, synthetic=row["cluster"] in made_up) for row in SEED_SUMMARY["finance"]]


def test_no_note_for_real_spend_or_rows_without_the_key():
    assert synthetic_note(rows(set()), scope(), "en") is None
    assert synthetic_note(SEED_SUMMARY["finance"], scope(), "en") is None


def test_one_sentence_when_all_the_spend_is_synthetic():
    all_codes = {row["cluster"] for row in SEED_SUMMARY["finance"]}
    assert text(synthetic_note(rows(all_codes), scope(), "en")).startswith("The spend in this table is synthetic")
    assert text(synthetic_note(rows(all_codes), scope(), "cy")).startswith("Mae’r gwariant yn y tabl hwn yn synthetig")


def test_the_synthetic_clusters_named_in_the_papers_order_and_language():
    note = synthetic_note(rows({"SC", "AG"}), scope(), "cy")
    assert text(note).startswith("Mae gwariant Aman Gwendraeth, De Ceredigion yn y tabl hwn yn synthetig")
    note = synthetic_note(rows({"SC", "AG"}), scope(), "en")
    assert text(note).startswith("The spend of Amman Gwendraeth, South Ceredigion in this table is synthetic")
