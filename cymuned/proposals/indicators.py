"""The population indicators a proposal's need may point to: the Key Indicator Dashboard's definitions
in force (the newest version of each), when any are loaded."""

from cymuned.indicators.served import indicator_choices, trends

__all__ = ["indicator_codes", "indicator_names", "trends"]


def indicator_names() -> dict[str, str]:
    """Code → name in the active language, in the dashboard's order."""
    return dict(indicator_choices())


def indicator_codes() -> list[str]:
    return list(indicator_names())
