"""The WIMD decile weights as the definitions page shows them."""

from typing import Any

from django.utils.translation import gettext as _

from cymuned.definitions.presenting import Shown, register


def decile_weight_tables(content: dict[str, Any], language: str) -> list[Shown]:
    weights = sorted((int(d), str(w)) for d, w in content["weights"].items())
    return [
        Shown(
            _("Weight of a patient by the WIMD 2019 decile of where they live (1: most deprived)"),
            (_("Decile"), _("Weight")),
            tuple((str(d), w) for d, w in weights),
        )
    ]


def register_presenters() -> None:
    register("wimd-decile-weights", decile_weight_tables)
