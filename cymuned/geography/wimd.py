"""The Welsh Index of Multiple Deprivation 2019: ranks and deciles of small areas (LSOAs)."""

# WIMD 2019 ranks all 1,909 LSOAs of Wales (1 = most deprived). The Welsh Government's published
# decile column (WIMD 2019 index and domain ranks by small area, sheet "Deciles_quintiles_quartiles")
# puts 191 LSOAs in each of deciles 1 to 9 and the remaining 190 in decile 10: the highest rank of
# each decile is below. A decile is worked out from these only when the imported file has no decile.
WIMD_2019_LSOAS = 1909
WIMD_2019_DECILE_UPPER_RANKS: tuple[int, ...] = (191, 382, 573, 764, 955, 1146, 1337, 1528, 1719, 1909)


def decile_from_rank(rank: int) -> int:
    """The WIMD 2019 decile of a rank among all 1,909 Welsh LSOAs (1 = most deprived tenth)."""
    if not 1 <= rank <= WIMD_2019_LSOAS:
        raise ValueError(f"rank {rank} is not between 1 and {WIMD_2019_LSOAS}")
    return next(decile for decile, upper in enumerate(WIMD_2019_DECILE_UPPER_RANKS, start=1) if rank <= upper)
