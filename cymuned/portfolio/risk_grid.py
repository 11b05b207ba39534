"""The RAG × trend risk grid's zones, from the Hywel Dda monitoring report: red cells call for a
performance conversation, amber ones for watching, green ones are on track. The grid names each zone in
words as well as colour, and each cell's link says what it holds ("8 projects red and worsening")."""

from enum import StrEnum

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext


class Zone(StrEnum):
    CONVERSATION = "conversation"
    WATCH = "watch"
    ON_TRACK = "on_track"

    @property
    def label(self) -> str:
        return str(ZONE_LABELS[self])


ZONE_LABELS = {
    Zone.CONVERSATION: _("Performance conversation"),
    Zone.WATCH: _("Keep watch"),
    Zone.ON_TRACK: _("On track"),
}

# Which cell lies in which zone is a definition (`risk-grid`, in force for the quarter), stated as the
# zone's colour; these are the words each colour's zone is named by on the page.
BY_COLOUR: dict[str, Zone] = {"red": Zone.CONVERSATION, "amber": Zone.WATCH, "green": Zone.ON_TRACK}


def zone(colour: str) -> Zone:
    """The zone of a cell whose colour, by the `risk-grid` definition in force, is `colour`."""
    return BY_COLOUR[colour]


def cell_text(count: int, trend: str, rag: str) -> str:
    """What a cell's link says: "8 projects red and worsening" / "8 prosiect yn goch ac yn gwaethygu"."""
    rags = {
        "red": pgettext("risk grid, after 'yn'", "red"),
        "amber": pgettext("risk grid, after 'yn'", "amber"),
        "green": pgettext("risk grid, after 'yn'", "green"),
    }
    trends = {
        "worsening": pgettext("risk grid, after 'yn'", "worsening"),
        "stable": pgettext("risk grid, after 'yn'", "stable"),
        "improving": pgettext("risk grid, after 'yn'", "improving"),
    }
    return ngettext("%(n)s project %(rag)s and %(trend)s", "%(n)s projects %(rag)s and %(trend)s", count) % {
        "n": number_format(count, force_grouping=True),  # "13,649", as intcomma on the page
        "rag": rags[rag],
        "trend": trends[trend],
    }
