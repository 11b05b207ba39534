"""The kinds of outcome measure as the definitions page shows them."""

from typing import Any

from django.utils.translation import gettext as _

from cymuned.definitions.presenting import Code, Shown, in_language, register


def measure_kind_tables(content: dict[str, Any], language: str) -> list[Shown]:
    rows = []
    for key, kind in content["kinds"].items():
        accepts = [_("0 or more, at most two decimal places")]
        if kind.get("whole_numbers"):
            accepts.append(_("whole numbers only"))
        if kind.get("maximum") is not None:
            accepts.append(_("at most %(maximum)s") % {"maximum": kind["maximum"]})
        rows.append((in_language(kind, language), Code(key), in_language(kind.get("meaning", ""), language), accepts))
    return [
        Shown(_("Kinds of outcome measure"), (_("Kind"), _("Code"), _("Meaning"), _("Values accepted")), tuple(rows))
    ]


def register_presenters() -> None:
    register("measure-kinds", measure_kind_tables)
