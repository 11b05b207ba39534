from hypothesis import given
from hypothesis import strategies as st

from cymuned.portfolio.rag import Rag
from cymuned.portfolio.summary import ProjectRow, summarise, whole_percents


def row(code, status, previous=None, narrative=""):
    return ProjectRow(
        code=code,
        name=code,
        clusters=("AG",),
        status=status,
        computed=status,
        previous=previous,
        narrative=narrative,
    )


def test_halves_round_up():
    assert whole_percents({"a": 1, "b": 7}, 8) == {"a": 13, "b": 88}  # 12.5 → 13, 87.5 → 88
    assert whole_percents({"a": 1}, 200) == {"a": 1}  # 0.5 → 1
    assert whole_percents({"a": 0}, 0) == {"a": 0}


def test_summary_counts_grid_and_flags():
    rows = [
        row("A", Rag.GREEN, Rag.AMBER),  # improving green
        row("B", Rag.RED, Rag.GREEN, "worse"),  # worsening red
        row("C", Rag.AMBER, Rag.GREEN),  # worsening amber
        row("D", Rag.RED, Rag.RED),  # stable red
        row("E", Rag.GREEN),  # first return: stable
    ]
    result = summarise("2025-26-Q2", rows).as_dict()
    assert result["projects"] == 5
    assert result["rag"] == {"green": 2, "amber": 1, "red": 2}
    assert result["rag_pct"] == {"green": 40, "amber": 20, "red": 40}
    assert result["trend"] == {"improving": 1, "stable": 2, "worsening": 2}
    assert result["grid"]["worsening"] == {"green": 0, "amber": 1, "red": 1}
    assert result["grid"]["stable"] == {"green": 1, "amber": 0, "red": 1}
    assert [f["code"] for f in result["flagged"]] == ["B", "C", "D"]
    assert result["flagged"][0]["narrative"] == "worse"


@given(st.lists(st.tuples(st.sampled_from(list(Rag)), st.none() | st.sampled_from(list(Rag))), max_size=60))
def test_grid_adds_up(pairs):
    result = summarise("2025-26-Q2", [row(str(i), s, p) for i, (s, p) in enumerate(pairs)]).as_dict()
    assert sum(result["rag"].values()) == sum(result["trend"].values()) == result["projects"] == len(pairs)
    for rag in ("green", "amber", "red"):
        assert sum(result["grid"][t][rag] for t in result["grid"]) == result["rag"][rag]
    assert result["grid"]["worsening"]["green"] == 0 and result["grid"]["improving"]["red"] == 0
