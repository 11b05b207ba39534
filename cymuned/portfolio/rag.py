"""The RAG rules of the Cluster Project Monitoring Report, as pure functions.

From the Hywel Dda Strategy and Planning Committee paper (seed 002): red means significantly off target,
a forecast overspend beyond the amber limit, milestone delays beyond the amber limit, significant problems
with quality, a lack of resources that cannot be resolved, or resistance from stakeholders; amber means
within the margin of target, an overspend up to the limit, delays beyond the green limit, problems with
quality, resources that can be resolved, or resistance that can be addressed; green is on target, on
budget, on time, at expected quality, with no resource problems and engaged stakeholders. The numbers
and the meaning of each status are data (`cymuned/definitions/data/rag/`): the caller passes the
`Thresholds` in force for the return's quarter.

Every value is compared exactly (Decimal): a value exactly on the amber target, the amber overspend or
the amber delay is amber. A blank metric is "not assessed" and does not count. The overall status is the worst criterion; an
override, which must give a reason, is what counts, and the computed status is kept beside it.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import TextChoices
from django.utils.translation import gettext, gettext_lazy, gettext_noop

# Explanations are marked here and translated only when read: most judgements are never printed,
# and translating every one of a national import's criteria would cost more than judging them.
_ = gettext_noop


@dataclass(frozen=True)
class Thresholds:
    """The numbers of the rules, from the RAG definition in force (its `thresholds`)."""

    green_target_pct: Decimal  # on or above: on target
    amber_target_pct: Decimal  # on or above (below green): within the margin of target
    amber_overspend_pct: Decimal  # an overspend up to and including this is amber
    green_delay_weeks: Decimal  # a delay up to and including this is green
    amber_delay_weeks: Decimal  # … and up to and including this, amber

    @classmethod
    def of(cls, definition: Mapping[str, Any]) -> "Thresholds":
        """From the content of a RAG definition; a missing or unordered number is refused."""
        numbers = definition["thresholds"]
        found = cls(**{name: Decimal(str(numbers[name])) for name in cls.__dataclass_fields__})
        if not (
            0 <= found.amber_target_pct <= found.green_target_pct
            and found.amber_overspend_pct >= 0
            and 0 <= found.green_delay_weeks <= found.amber_delay_weeks
        ):
            raise ValueError("RAG thresholds out of order")
        return found

    @property
    def target_margin_pct(self) -> Decimal:
        return self.green_target_pct - self.amber_target_pct

    # Worked out once per set of thresholds: every judgement of every return reads them (a paper for
    # all of Wales judges some 19,000 returns).
    @cached_property
    def shown(self) -> dict[str, str]:
        """Each number as the wording prints it ('5', '2'), the margin of target among them."""
        names = [*self.__dataclass_fields__, "target_margin_pct"]
        return {name: f"{Decimal(getattr(self, name)).normalize():f}" for name in names}

    @cached_property
    def edges(self) -> frozenset[Decimal]:
        return frozenset(
            {
                Decimal(0),
                self.green_delay_weeks,
                self.amber_delay_weeks,
                self.amber_overspend_pct,
                self.amber_target_pct,
                self.green_target_pct,
            }
        )


def meanings(definition: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """What each status usually means, as the definition words it with its own numbers filled in:
    {"red": {"intro": {"en", "cy"}, "en": [...], "cy": [...]}, ...}, red first."""
    values = Thresholds.of(definition).shown
    found = {}
    for status in ("red", "amber", "green"):
        entry = definition["meaning"][status]
        found[status] = {
            "intro": dict(entry["intro"]),
            **{lang: [text.format_map(values) for text in entry[lang]] for lang in ("en", "cy")},
        }
    return found


# The enums and their labels, in one place: the models' choices, the pages' badges and filters, the
# API and the import all take them from here. (The paper's bilingual wording is in reports.wording.)
class Rag(TextChoices):
    GREEN = "green", gettext_lazy("Green")
    AMBER = "amber", gettext_lazy("Amber")
    RED = "red", gettext_lazy("Red")

    @property
    def severity(self) -> int:
        return _SEVERITY[self]


_SEVERITY = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}


class Trend(TextChoices):
    IMPROVING = "improving", gettext_lazy("Improving")
    STABLE = "stable", gettext_lazy("Stable")
    WORSENING = "worsening", gettext_lazy("Worsening")


class Quality(TextChoices):
    EXPECTED = "expected", gettext_lazy("At expected levels")
    PROBLEMS = "problems", gettext_lazy("Problems")
    SIGNIFICANT_PROBLEMS = "significant_problems", gettext_lazy("Significant problems")


class Resources(TextChoices):
    NONE = "none", gettext_lazy("No resource problems")
    RESOLVABLE = "resolvable", gettext_lazy("Lack of resources, resolvable")
    UNRESOLVABLE = "unresolvable", gettext_lazy("Lack of resources, not resolvable")


class Stakeholders(TextChoices):
    ENGAGED = "engaged", gettext_lazy("Engaged and satisfied")
    RESISTANCE_ADDRESSABLE = "resistance_addressable", gettext_lazy("Resistance that can be addressed")
    RESISTANCE = "resistance", gettext_lazy("Dissatisfaction or resistance")


@dataclass(frozen=True)
class Metrics:
    target_attainment_pct: Decimal | None = None
    budget_gbp: Decimal | None = None
    forecast_spend_gbp: Decimal | None = None
    milestone_delay_weeks: Decimal | None = None
    quality: Quality | None = None
    resources: Resources | None = None
    stakeholders: Stakeholders | None = None


@dataclass(frozen=True)
class Judgement:
    criterion: str  # target | finance | milestones | quality | resources | stakeholders
    rag: Rag
    message: str  # untranslated, with %(name)s placeholders
    values: tuple[tuple[str, str], ...] = ()

    @property
    def explanation(self) -> str:
        text = gettext(self.message)
        return text % dict(self.values) if self.values else text


@dataclass(frozen=True)
class Assessment:
    judgements: tuple[Judgement, ...]
    computed: Rag | None  # None when nothing was assessed
    override: Rag | None = None
    override_reason: str = ""

    @property
    def status(self) -> Rag | None:
        return self.override or self.computed

    @property
    def reasons(self) -> list[str]:
        """Why the project is not green, worst first."""
        concerns = [j for j in self.judgements if j.rag is not Rag.GREEN]
        return [j.explanation for j in sorted(concerns, key=lambda j: -j.rag.severity)]


def number(value: Decimal, edges: Iterable[Decimal] = ()) -> str:
    """7.20 → '7.2', 5.00 → '5'; two decimal places, and more where rounding would land on one of
    the `edges` (the thresholds) the value is not on (5.004 % of overspend is not "5 %", which would
    read as amber)."""
    value = Decimal(value)
    rounded = value.quantize(Decimal("0.01"))
    if rounded != value and rounded in set(edges):
        rounded = value.quantize(Decimal("0.000001"))
    text = f"{rounded.normalize():f}"
    return text


def judge_target(pct: Decimal, limits: Thresholds) -> Judgement:
    if pct < 0:
        raise ValueError("target attainment cannot be negative")
    shown = number(pct, limits.edges)
    margin = limits.shown["target_margin_pct"]
    if pct >= limits.green_target_pct:
        return Judgement(
            "target",
            Rag.GREEN,
            _("target attainment %(pct)s %% is on or above target"),
            (("pct", shown),),
        )
    if pct >= limits.amber_target_pct:
        return Judgement(
            "target",
            Rag.AMBER,
            _("target attainment %(pct)s %% is within %(margin)s %% of target"),
            (("pct", shown), ("margin", margin)),
        )
    return Judgement(
        "target",
        Rag.RED,
        _("target attainment %(pct)s %% is more than %(margin)s %% off target"),
        (("pct", shown), ("margin", margin)),
    )


def overspend_pct(budget: Decimal, forecast: Decimal) -> Decimal | None:
    """(forecast − budget) ÷ budget as a percentage; None for a zero budget."""
    return None if budget == 0 else (forecast - budget) * 100 / budget


def judge_finance(budget: Decimal, forecast: Decimal, limits: Thresholds) -> Judgement:
    if budget < 0 or forecast < 0:
        raise ValueError("budget and forecast spend cannot be negative")
    pct = overspend_pct(budget, forecast)
    if pct is None:
        if forecast > 0:
            return Judgement("finance", Rag.RED, _("forecast spend with no budget is an overspend"))
        return Judgement("finance", Rag.GREEN, _("no budget and no forecast spend"))
    shown = number(pct, limits.edges)
    limit = limits.shown["amber_overspend_pct"]
    if pct <= 0:
        return Judgement(
            "finance",
            Rag.GREEN,
            _("forecast spend is on or within budget (%(pct)s %%)"),
            (("pct", shown),),
        )
    if pct <= limits.amber_overspend_pct:
        return Judgement(
            "finance",
            Rag.AMBER,
            _("forecast overspend %(pct)s %% is no more than %(limit)s %%"),
            (("pct", shown), ("limit", limit)),
        )
    return Judgement(
        "finance",
        Rag.RED,
        _("forecast overspend %(pct)s %% is more than %(limit)s %%"),
        (("pct", shown), ("limit", limit)),
    )


def judge_milestones(weeks: Decimal, limits: Thresholds) -> Judgement:
    if weeks < 0:
        raise ValueError("a milestone delay cannot be negative")
    shown = number(Decimal(weeks), limits.edges)
    green, amber = limits.shown["green_delay_weeks"], limits.shown["amber_delay_weeks"]
    if weeks <= limits.green_delay_weeks:
        return Judgement(
            "milestones",
            Rag.GREEN,
            _("milestone delay of %(weeks)s weeks is within %(limit)s weeks"),
            (("weeks", shown), ("limit", green)),
        )
    if weeks <= limits.amber_delay_weeks:
        return Judgement(
            "milestones",
            Rag.AMBER,
            _("milestone delay of %(weeks)s weeks is more than %(limit)s weeks"),
            (("weeks", shown), ("limit", green)),
        )
    return Judgement(
        "milestones",
        Rag.RED,
        _("milestone delay of %(weeks)s weeks is more than %(limit)s weeks"),
        (("weeks", shown), ("limit", amber)),
    )


def judge_quality(quality: Quality) -> Judgement:
    return {
        Quality.EXPECTED: Judgement("quality", Rag.GREEN, _("quality at expected levels")),
        Quality.PROBLEMS: Judgement("quality", Rag.AMBER, _("problems with quality")),
        Quality.SIGNIFICANT_PROBLEMS: Judgement("quality", Rag.RED, _("significant problems with quality")),
    }[Quality(quality)]


def judge_resources(resources: Resources) -> Judgement:
    return {
        Resources.NONE: Judgement("resources", Rag.GREEN, _("no resource problems")),
        Resources.RESOLVABLE: Judgement("resources", Rag.AMBER, _("lack of resources that the lead can resolve")),
        Resources.UNRESOLVABLE: Judgement("resources", Rag.RED, _("lack of resources that cannot be resolved")),
    }[Resources(resources)]


def judge_stakeholders(stakeholders: Stakeholders) -> Judgement:
    return {
        Stakeholders.ENGAGED: Judgement("stakeholders", Rag.GREEN, _("stakeholders engaged and satisfied")),
        Stakeholders.RESISTANCE_ADDRESSABLE: Judgement(
            "stakeholders", Rag.AMBER, _("stakeholder resistance that the lead can address")
        ),
        Stakeholders.RESISTANCE: Judgement(
            "stakeholders", Rag.RED, _("dissatisfaction or resistance from stakeholders")
        ),
    }[Stakeholders(stakeholders)]


def judgements(metrics: Metrics, limits: Thresholds) -> tuple[Judgement, ...]:
    """One judgement per criterion that was assessed (a blank criterion is not judged)."""
    m = metrics
    found: list[Judgement] = []
    if m.target_attainment_pct is not None:
        found.append(judge_target(m.target_attainment_pct, limits))
    if m.budget_gbp is not None and m.forecast_spend_gbp is not None:
        found.append(judge_finance(m.budget_gbp, m.forecast_spend_gbp, limits))
    if m.milestone_delay_weeks is not None:
        found.append(judge_milestones(m.milestone_delay_weeks, limits))
    if m.quality:
        found.append(judge_quality(m.quality))
    if m.resources:
        found.append(judge_resources(m.resources))
    if m.stakeholders:
        found.append(judge_stakeholders(m.stakeholders))
    return tuple(found)


def worst(rags: Iterable[Rag]) -> Rag | None:
    rags = list(rags)
    return max(rags, key=lambda r: r.severity) if rags else None


def assess(metrics: Metrics, limits: Thresholds, override: Rag | None = None, override_reason: str = "") -> Assessment:
    if override and not override_reason.strip():
        raise ValueError(gettext("an override needs a reason"))
    found = judgements(metrics, limits)
    return Assessment(
        judgements=found,
        computed=worst(j.rag for j in found),
        override=Rag(override) if override else None,
        override_reason=override_reason.strip() if override else "",
    )


def trend(previous: Rag | None, current: Rag) -> Trend:
    """The move of the status since the previous status; with none to compare, stable."""
    if previous is None or Rag(previous) is Rag(current):
        return Trend.STABLE
    return Trend.IMPROVING if Rag(current).severity < Rag(previous).severity else Trend.WORSENING


# Sort keys stored with each return, so that lists sort and filter on an index: worst first.
STATUS_RANK = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}
TREND_RANK = {Trend.WORSENING: 0, Trend.STABLE: 1, Trend.IMPROVING: 2}
UNRANKED = 3  # no status (not assessed), or no return at all


@dataclass(frozen=True)
class Standing:
    """Where one return stands in its project's series: the status it is compared with, its trend
    (None when the return itself has no status) and the sort keys of both."""

    previous: Rag | None
    trend: Trend | None
    status_rank: int
    trend_rank: int


def standings(statuses: Iterable[Rag | str | None]) -> list[Standing]:
    """The one definition of trend, for one project's returns in period order: each return is
    compared with the most recent earlier return that has a status; with none, it is stable. A
    return without a status has no trend and is skipped over by the returns after it."""
    found: list[Standing] = []
    previous: Rag | None = None
    for value in statuses:
        status = Rag(value) if value else None
        if status is None:
            found.append(Standing(previous, None, UNRANKED, UNRANKED))
            continue
        moved = trend(previous, status)
        found.append(Standing(previous, moved, STATUS_RANK[status], TREND_RANK[moved]))
        previous = status
    return found
