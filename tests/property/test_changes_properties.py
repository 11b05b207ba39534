"""Properties of the rule of what changed between two returns (portfolio.changes)."""

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from cymuned.portfolio.changes import COLUMNS, Change, Field, Override, ReturnValues, Text, changes
from cymuned.portfolio.rag import Rag, Trend

texts = st.builds(
    Text, st.sampled_from(["", "On track.", "Recruiting a pharmacist."]), st.sampled_from(["", "Ar y trywydd."])
)
overrides = st.builds(Override, st.none() | st.sampled_from(list(Rag)), texts)
values = st.builds(
    ReturnValues,
    status=st.none() | st.sampled_from(list(Rag)),
    trend=st.none() | st.sampled_from(list(Trend)),
    override=overrides,
    narrative=texts,
)


@given(values)
def test_a_return_compared_with_itself_has_no_change(a):
    assert changes(a, a) == []
    assert changes(a, replace(a)) == []


@given(values, values)
def test_every_change_reported_is_a_real_difference_and_every_difference_is_reported(a, b):
    found = changes(a, b)
    assert [c.field for c in found] == [f for f in Field if getattr(a, f.value) != getattr(b, f.value)]
    for change in found:
        assert change.before == getattr(a, change.field.value)
        assert change.after == getattr(b, change.field.value)
        assert change.before != change.after


@given(values, values)
def test_comparing_the_other_way_swaps_before_and_after(a, b):
    assert changes(b, a) == [Change(c.field, c.after, c.before) for c in changes(a, b)]


@given(values, values)
def test_no_change_exactly_when_the_returns_are_equal(a, b):
    assert (changes(a, b) == []) == (a == b)


@given(values, st.sampled_from(list(Field)), values)
def test_changing_one_thing_reports_that_thing_alone(a, field, other):
    b = replace(a, **{field.value: getattr(other, field.value)})
    found = changes(a, b)
    assert [c.field for c in found] == ([field] if getattr(a, field.value) != getattr(other, field.value) else [])


@given(values)
def test_values_read_back_from_stored_columns_are_the_same(a):
    """ReturnValues.of reads the stored columns the query compares (COLUMNS)."""
    row = {
        "status": a.status or "",
        "trend": a.trend or "",
        "rag_override": a.override.rag or "",
        "override_reason": a.override.reason.en,
        "override_reason_cy": a.override.reason.cy,
        "narrative": a.narrative.en,
        "narrative_cy": a.narrative.cy,
    }
    assert set(row) == set(COLUMNS)
    assert ReturnValues.of(row) == a


def test_worked_example():
    """Green to red by an override, worsening, with a new narrative (written for this test)."""
    q1 = ReturnValues(Rag.GREEN, Trend.STABLE, Override(), Text("On track."))
    q2 = ReturnValues(Rag.RED, Trend.WORSENING, Override(Rag.RED, Text("Lead left")), Text("Lead left in May."))
    assert changes(q1, q2) == [
        Change(Field.STATUS, Rag.GREEN, Rag.RED),
        Change(Field.TREND, Trend.STABLE, Trend.WORSENING),
        Change(Field.OVERRIDE, Override(), Override(Rag.RED, Text("Lead left"))),
        Change(Field.NARRATIVE, Text("On track."), Text("Lead left in May.")),
    ]


def test_welsh_text_shown_on_welsh_pages_where_written():
    assert Text("On track.", "Ar y trywydd.").in_language("cy") == "Ar y trywydd."
    assert Text("On track.", "").in_language("cy") == "On track."
    assert Text("On track.", "Ar y trywydd.").in_language("en") == "On track."
