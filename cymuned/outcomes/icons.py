"""The Making Data Count icons, drawn here as small SVGs: variation (what the latest point shows) and
assurance (whether the limits put the target within reach). Each carries its text alternative."""

from django.utils.html import escape
from django.utils.translation import gettext as _

from cymuned.statistics.spc import Assurance, SpcResult, Variation

from . import spc_words

# Making Data Count's colours as NHSRplotthedots draws them (ptd_spc_colours)
COLOURS = {
    "common": "#a6a6a6",  # grey: common cause
    "improvement": "#00b0f0",  # blue
    "concern": "#e46c0a",  # orange
    "neither": "#490092",  # purple
}
MEAN = "#000000"
LIMITS = "#7f7f7f"
TARGET = "#de1b1b"
INK = "#231f20"

_VARIATION = {
    Variation.COMMON_CAUSE: ("common", 0),
    Variation.IMPROVEMENT_HIGH: ("improvement", 1),
    Variation.IMPROVEMENT_LOW: ("improvement", -1),
    Variation.CONCERN_HIGH: ("concern", 1),
    Variation.CONCERN_LOW: ("concern", -1),
    Variation.NEITHER_HIGH: ("neither", 1),
    Variation.NEITHER_LOW: ("neither", -1),
}
_ASSURANCE = {Assurance.PASS: "improvement", Assurance.FAIL: "concern", Assurance.HIT_OR_MISS: "common"}


def _svg(body: str, label: str, size: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="{size}" height="{size}" '
        f'role="img" aria-label="{escape(label)}" class="cymuned-spc-icon"><title>{escape(label)}</title>'
        f"{body}</svg>"
    )


def variation_icon(variation: Variation, size: int = 56) -> str:
    kind, high = _VARIATION[variation]
    colour = COLOURS[kind]
    ys = [58, 52, 60, 54, 58] if high == 0 else ([62, 60, 63, 44, 36] if high > 0 else [46, 48, 45, 64, 72])
    xs = [24, 37, 50, 63, 76]
    line = " ".join(f"{x},{y}" for x, y in zip(xs, ys, strict=True))
    dots = "".join(
        f'<circle cx="{x}" cy="{y}" r="5" fill="{colour if (high and i >= 3) else COLOURS["common"]}"/>'
        for i, (x, y) in enumerate(zip(xs, ys, strict=True))
    )
    letter = "" if high == 0 else (_("H") if high > 0 else _("L"))
    letter_mark = (
        f'<text x="50" y="{34 if high > 0 else 90}" text-anchor="middle" font-family="Arial, sans-serif" '
        f'font-size="22" font-weight="bold" fill="{colour}">{escape(letter)}</text>'
        if letter
        else ""
    )
    body = (
        f'<circle cx="50" cy="50" r="45" fill="#ffffff" stroke="{colour}" stroke-width="7"/>'
        f'<polyline points="{line}" fill="none" stroke="{COLOURS["common"]}" stroke-width="3"/>{dots}{letter_mark}'
    )
    return _svg(body, str(spc_words.VARIATION[variation]), size)


def assurance_icon(assurance: Assurance, size: int = 56) -> str:
    colour = COLOURS[_ASSURANCE[assurance]]
    letter = {Assurance.PASS: _("P"), Assurance.FAIL: _("F"), Assurance.HIT_OR_MISS: "?"}[assurance]
    body = (
        f'<circle cx="50" cy="50" r="45" fill="#ffffff" stroke="{colour}" stroke-width="7"/>'
        f'<line x1="18" y1="66" x2="82" y2="66" stroke="{TARGET}" stroke-width="3" stroke-dasharray="6 4"/>'
        f'<text x="50" y="56" text-anchor="middle" font-family="Arial, sans-serif" font-size="38" '
        f'font-weight="bold" fill="{colour}">{escape(letter)}</text>'
    )
    return _svg(body, str(spc_words.ASSURANCE[assurance]), size)


def icons_for(result: SpcResult, size: int = 56) -> list[str]:
    """The icons to draw beside a chart: none while the latest limits are provisional."""
    found = []
    if result.variation is not None:
        found.append(variation_icon(result.variation, size))
    if result.assurance is not None:
        found.append(assurance_icon(result.assurance, size))
    return found
