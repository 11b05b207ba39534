"""The population indicators a proposal's need may point to: the Key Indicator Dashboard's definitions
in force (the newest version of each), when any are loaded."""

from django.utils import translation

from cymuned.indicators.data import definitions
from cymuned.indicators.served import trends

__all__ = ["indicator_codes", "indicator_names", "trends"]


def indicator_names() -> dict[str, str]:
    """Code → name in the active language, in the dashboard's order."""
    welsh = translation.get_language() == "cy"
    return {d.id: (d.name_cy if welsh and d.name_cy else d.name_en) for d in definitions()}


def indicator_codes() -> list[str]:
    return list(indicator_names())
