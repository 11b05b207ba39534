"""The need's population indicators named in an import (cymuned/proposals/rules.py)."""

from hypothesis import given
from hypothesis import strategies as st

from cymuned.proposals.rules import need_indicator_codes

KNOWN = ["hypertension", "diabetes", "aged-65-plus"]


def test_codes_matched_ignoring_case_and_spacing_in_order_without_repeats():
    assert need_indicator_codes(" Diabetes ;hypertension;;diabetes", KNOWN) == (["diabetes", "hypertension"], [])


def test_unknown_codes_are_named():
    assert need_indicator_codes("hypertension;blood-pressure", KNOWN) == (["hypertension"], ["blood-pressure"])


def test_empty_names_nothing():
    assert need_indicator_codes("", KNOWN) == ([], [])


@given(st.lists(st.sampled_from(KNOWN + ["x", "Y"])))
def test_every_name_is_found_or_unknown(names):
    found, unknown = need_indicator_codes(";".join(names), KNOWN)
    assert set(found) <= set(KNOWN) and len(found) == len(set(found))
    assert {n for n in names if n not in KNOWN} == set(unknown)
