"""The portfolio's definitions as the definitions page shows them: the RAG thresholds with what each
status means, and the risk grid's zones."""

from typing import Any

from django.utils.translation import gettext as _

from cymuned.definitions.presenting import Shown, in_language, register

from .rag import Rag, Thresholds, Trend, meanings


def rag_tables(content: dict[str, Any], language: str) -> list[Shown]:
    limits = Thresholds.of(content).shown
    numbers = Shown(
        _("Thresholds"),
        (_("Criterion"), str(Rag.GREEN.label), str(Rag.AMBER.label), str(Rag.RED.label)),
        (
            (
                _("Target attainment"),
                _("%(green)s %% or more") % {"green": limits["green_target_pct"]},
                _("%(amber)s %% to under %(green)s %%")
                % {"amber": limits["amber_target_pct"], "green": limits["green_target_pct"]},
                _("under %(amber)s %%") % {"amber": limits["amber_target_pct"]},
            ),
            (
                _("Forecast overspend"),
                _("none"),
                _("up to and including %(limit)s %%") % {"limit": limits["amber_overspend_pct"]},
                _("more than %(limit)s %%") % {"limit": limits["amber_overspend_pct"]},
            ),
            (
                _("Milestone delay"),
                _("up to and including %(weeks)s weeks") % {"weeks": limits["green_delay_weeks"]},
                _("up to and including %(weeks)s weeks") % {"weeks": limits["amber_delay_weeks"]},
                _("more than %(weeks)s weeks") % {"weeks": limits["amber_delay_weeks"]},
            ),
        ),
    )
    meaning = meanings(content)
    wording = Shown(
        _("What each status usually means"),
        (_("Status"), _("Usually means")),
        tuple(
            (str(Rag(status).label), [in_language(meaning[status]["intro"], language), *meaning[status][language]])
            for status in ("red", "amber", "green")
        ),
    )
    return [numbers, wording]


def risk_grid_tables(content: dict[str, Any], language: str) -> list[Shown]:
    zones = content["zones"]
    meaning = content.get("meaning", {})

    def zone(name: str) -> str:
        explained = in_language(meaning.get(name, ""), language)
        return f"{Rag(name).label}: {explained}" if explained else str(Rag(name).label)

    return [
        Shown(
            _("Zones of the risk grid (trend × status)"),
            (_("Trend"), str(Rag.GREEN.label), str(Rag.AMBER.label), str(Rag.RED.label)),
            tuple(
                (str(Trend(trend).label), *(zone(zones[trend][status]) for status in ("green", "amber", "red")))
                for trend in ("worsening", "stable", "improving")
            ),
        )
    ]


def register_presenters() -> None:
    register("rag", rag_tables)
    register("risk-grid", risk_grid_tables)
