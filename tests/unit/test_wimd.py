"""WIMD 2019 deciles from ranks, checked against the Welsh Government's own statement of them."""

import math

import pytest

from cymuned.geography.wimd import WIMD_2019_DECILE_UPPER_RANKS, WIMD_2019_LSOAS, decile_from_rank


def test_every_decile_boundary_is_the_published_one():
    # Method: the 1,909 LSOAs ranked 1 = most deprived are cut into tenths of 190.9 ranks, a decile
    # starting after the last whole rank of the tenths before it: decile d holds ranks
    # ceil((d - 1) x 190.9) + 1 to ceil(d x 190.9) — 191 LSOAs in deciles 1-9 and 190 in decile 10.
    # It reproduces every boundary the Welsh Government states (below).
    tenth = 1909 / 10
    starts = [math.ceil((d - 1) * tenth) + 1 for d in range(1, 11)]
    assert starts == [1, 192, 383, 574, 765, 956, 1147, 1338, 1529, 1720]
    assert WIMD_2019_DECILE_UPPER_RANKS == (*(s - 1 for s in starts[1:]), 1909)
    # Welsh Government, "Welsh Index of Multiple Deprivation (WIMD) 2019 built up area deprivation
    # profiles" (stats.gov.wales/en-GB/af6fe6d0-0ad9-46f8-baa7-7472df7af48e), its deprivation groups:
    # "Most deprived 10% LSOAs in Wales (ranks 1 - 191)", "20% (ranks 1 - 382)", "30% (ranks 1 - 573)",
    # "50% (ranks 1 - 955)".
    published_upper_ranks = {1: 191, 2: 382, 3: 573, 5: 955}
    for decile, upper in published_upper_ranks.items():
        assert WIMD_2019_DECILE_UPPER_RANKS[decile - 1] == upper
        assert decile_from_rank(upper) == decile and decile_from_rank(upper + 1) == decile + 1
    for decile, start in enumerate(starts, start=1):
        assert decile_from_rank(start) == decile
        if start > 1:
            assert decile_from_rank(start - 1) == decile - 1
    assert WIMD_2019_LSOAS == 1909  # "WIMD ranks all small areas in Wales from 1 (most deprived) to 1,909"


@pytest.mark.parametrize("rank", [0, -1, 1910])
def test_a_rank_outside_wales_is_refused(rank):
    with pytest.raises(ValueError, match="between 1 and 1909"):
        decile_from_rank(rank)
