"""Which papers are written in the background (cymuned/reports/background.py): those about more than
the threshold of projects — the rule as its module states it, checked for every size and threshold."""

from hypothesis import given
from hypothesis import strategies as st

from cymuned.reports.background import DEFAULT_ABOVE, in_background

sizes = st.integers(min_value=0, max_value=200_000)


@given(projects=sizes, above=st.integers(min_value=-1, max_value=200_000))
def test_a_paper_goes_to_the_worker_exactly_when_it_is_about_more_projects_than_the_threshold(projects, above):
    assert in_background(projects, above) == (projects > above)


@given(smaller=sizes, larger=sizes, above=sizes)
def test_a_larger_paper_is_never_written_in_the_request_when_a_smaller_one_is_not(smaller, larger, above):
    smaller, larger = sorted((smaller, larger))
    assert not in_background(smaller, above) or in_background(larger, above)


def test_the_default_threshold_and_its_edges():
    # issue 14's sizes: a board of ~3,600 projects and all of Wales (25,000) go to the worker
    assert in_background(3_600) and in_background(25_000)
    assert not in_background(DEFAULT_ABOVE) and in_background(DEFAULT_ABOVE + 1)
    assert in_background(0, above=-1) and not in_background(0, above=0)
