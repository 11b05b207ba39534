"""The age band weights as the definitions page shows them."""

from typing import Any

from django.utils.translation import gettext as _

from cymuned.definitions.presenting import Shown, register


def age_weight_tables(content: dict[str, Any], language: str) -> list[Shown]:
    return [
        Shown(
            _("Weight of a registered patient by age band"),
            (_("Age band"), _("Weight")),
            tuple((band, str(weight)) for band, weight in content["weights"].items()),
        )
    ]


def register_presenters() -> None:
    register("age-band-weights", age_weight_tables)
