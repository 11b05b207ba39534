"""The RAG rules of the Cluster Project Monitoring Report, as pure functions.

From the Hywel Dda Strategy and Planning Committee paper (seed 002): red means significantly off target,
a forecast overspend of more than 5 %, milestone delays of more than 4 weeks, significant problems with
quality, a lack of resources that cannot be resolved, or resistance from stakeholders; amber means within
5 % of target, an overspend of no more than 5 %, delays of more than 2 weeks, problems with quality,
resources that can be resolved, or resistance that can be addressed; green is on target, on budget, on
time, at expected quality, with no resource problems and engaged stakeholders.

Every value is compared exactly (Decimal): exactly 95 %, exactly 5 % and exactly 4 weeks are amber.
A blank metric is "not assessed" and does not count. The overall status is the worst criterion; an
override, which must give a reason, is what counts, and the computed status is kept beside it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import TextChoices
from django.utils.translation import gettext, gettext_lazy, gettext_noop

# Explanations are marked here and translated only when read: most judgements are never printed,
# and translating every one of a national import's criteria would cost more than judging them.
_ = gettext_noop

# The thresholds, in one place.
GREEN_TARGET_PCT = Decimal(100)  # on or above target
AMBER_TARGET_PCT = Decimal(95)  # within 5 % of target
AMBER_OVERSPEND_PCT = Decimal(5)  # an overspend of no more than 5 %
GREEN_DELAY_WEEKS = Decimal(2)
AMBER_DELAY_WEEKS = Decimal(4)


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


THRESHOLDS = {Decimal(0), GREEN_DELAY_WEEKS, AMBER_DELAY_WEEKS, AMBER_OVERSPEND_PCT, AMBER_TARGET_PCT, GREEN_TARGET_PCT}


def number(value: Decimal) -> str:
    """7.20 → '7.2', 5.00 → '5'; two decimal places, and more where rounding would land on a
    threshold the value is not on (5.004 % of overspend is not "5 %", which would read as amber)."""
    value = Decimal(value)
    rounded = value.quantize(Decimal("0.01"))
    if rounded != value and rounded in THRESHOLDS:
        rounded = value.quantize(Decimal("0.000001"))
    text = f"{rounded.normalize():f}"
    return text


def judge_target(pct: Decimal) -> Judgement:
    if pct < 0:
        raise ValueError("target attainment cannot be negative")
    shown = number(pct)
    if pct >= GREEN_TARGET_PCT:
        return Judgement(
            "target",
            Rag.GREEN,
            _("target attainment %(pct)s %% is on or above target"),
            (("pct", shown),),
        )
    if pct >= AMBER_TARGET_PCT:
        return Judgement(
            "target",
            Rag.AMBER,
            _("target attainment %(pct)s %% is within 5 %% of target"),
            (("pct", shown),),
        )
    return Judgement(
        "target",
        Rag.RED,
        _("target attainment %(pct)s %% is more than 5 %% off target"),
        (("pct", shown),),
    )


def overspend_pct(budget: Decimal, forecast: Decimal) -> Decimal | None:
    """(forecast − budget) ÷ budget as a percentage; None for a zero budget."""
    return None if budget == 0 else (forecast - budget) * 100 / budget


def judge_finance(budget: Decimal, forecast: Decimal) -> Judgement:
    if budget < 0 or forecast < 0:
        raise ValueError("budget and forecast spend cannot be negative")
    pct = overspend_pct(budget, forecast)
    if pct is None:
        if forecast > 0:
            return Judgement("finance", Rag.RED, _("forecast spend with no budget is an overspend"))
        return Judgement("finance", Rag.GREEN, _("no budget and no forecast spend"))
    shown = number(pct)
    if pct <= 0:
        return Judgement(
            "finance",
            Rag.GREEN,
            _("forecast spend is on or within budget (%(pct)s %%)"),
            (("pct", shown),),
        )
    if pct <= AMBER_OVERSPEND_PCT:
        return Judgement(
            "finance",
            Rag.AMBER,
            _("forecast overspend %(pct)s %% is no more than 5 %%"),
            (("pct", shown),),
        )
    return Judgement("finance", Rag.RED, _("forecast overspend %(pct)s %% is more than 5 %%"), (("pct", shown),))


def judge_milestones(weeks: Decimal) -> Judgement:
    if weeks < 0:
        raise ValueError("a milestone delay cannot be negative")
    shown = number(Decimal(weeks))
    if weeks <= GREEN_DELAY_WEEKS:
        return Judgement(
            "milestones",
            Rag.GREEN,
            _("milestone delay of %(weeks)s weeks is within 2 weeks"),
            (("weeks", shown),),
        )
    if weeks <= AMBER_DELAY_WEEKS:
        return Judgement(
            "milestones",
            Rag.AMBER,
            _("milestone delay of %(weeks)s weeks is more than 2 weeks"),
            (("weeks", shown),),
        )
    return Judgement(
        "milestones",
        Rag.RED,
        _("milestone delay of %(weeks)s weeks is more than 4 weeks"),
        (("weeks", shown),),
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


def judgements(metrics: Metrics) -> tuple[Judgement, ...]:
    """One judgement per criterion that was assessed (a blank criterion is not judged)."""
    m = metrics
    found: list[Judgement] = []
    if m.target_attainment_pct is not None:
        found.append(judge_target(m.target_attainment_pct))
    if m.budget_gbp is not None and m.forecast_spend_gbp is not None:
        found.append(judge_finance(m.budget_gbp, m.forecast_spend_gbp))
    if m.milestone_delay_weeks is not None:
        found.append(judge_milestones(m.milestone_delay_weeks))
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


def assess(metrics: Metrics, override: Rag | None = None, override_reason: str = "") -> Assessment:
    if override and not override_reason.strip():
        raise ValueError(gettext("an override needs a reason"))
    found = judgements(metrics)
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
