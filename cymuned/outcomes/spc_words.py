"""What an SPC result says in words (English or Welsh): the icons' text alternatives, the point kinds,
the rules and the warnings. The statistics stay in `cymuned.statistics.spc`; this is their wording."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cymuned.statistics.spc import Assurance, Kind, Rule, ShortPeriod, SpcResult, Variation

VARIATION = {
    Variation.COMMON_CAUSE: gettext_lazy("Common cause variation: no significant change."),
    Variation.IMPROVEMENT_HIGH: gettext_lazy("Special cause variation: improvement (higher values)."),
    Variation.IMPROVEMENT_LOW: gettext_lazy("Special cause variation: improvement (lower values)."),
    Variation.CONCERN_HIGH: gettext_lazy("Special cause variation: concern (higher values)."),
    Variation.CONCERN_LOW: gettext_lazy("Special cause variation: concern (lower values)."),
    Variation.NEITHER_HIGH: gettext_lazy("Special cause variation: higher values."),
    Variation.NEITHER_LOW: gettext_lazy("Special cause variation: lower values."),
}
ASSURANCE = {
    Assurance.PASS: gettext_lazy("The process will consistently meet the target."),
    Assurance.FAIL: gettext_lazy("The process will consistently miss the target."),
    Assurance.HIT_OR_MISS: gettext_lazy("The process will hit and miss the target at random."),
}
KIND = {
    Kind.COMMON: gettext_lazy("Common cause"),
    Kind.IMPROVEMENT: gettext_lazy("Special cause: improvement"),
    Kind.CONCERN: gettext_lazy("Special cause: concern"),
    Kind.NEITHER: gettext_lazy("Special cause: neither improvement nor concern"),
}
RULE = {
    Rule.BEYOND_LIMITS: gettext_lazy("beyond a limit"),
    Rule.TREND: gettext_lazy("trend of seven"),
    Rule.TWO_OF_THREE: gettext_lazy("two of three near a limit"),
    Rule.RUN: gettext_lazy("run of seven on one side of the mean"),
}


def short_period_warning(short: ShortPeriod) -> str:
    return _(
        "The limits from %(first)s to %(last)s rest on %(n)s points (fewer than 12): they are provisional "
        "and will change as points are added."
    ) % {"first": short.first, "last": short.last, "n": short.values}


def warnings(result: SpcResult) -> list[str]:
    found = [short_period_warning(s) for s in result.short_periods]
    if result.points and result.points[-1].provisional:
        found.append(_("No variation or assurance icon is given until the latest limits rest on 12 points."))
    return found


def variation_text(result: SpcResult) -> str:
    if result.variation is None:
        return _("Variation: not judged (provisional limits).")
    return str(VARIATION[result.variation])


def assurance_text(result: SpcResult) -> str:
    if result.assurance is not None:
        return str(ASSURANCE[result.assurance])
    if result.target is None:
        return _("Assurance: no target.")
    if result.variation is None:
        return _("Assurance: not judged (provisional limits).")
    return _("Assurance: not judged (neither direction is better).")


def summary(result: SpcResult) -> str:
    return f"{variation_text(result)} {assurance_text(result)}"


def rules_text(rules) -> str:
    return ", ".join(str(RULE[r]) for r in rules)
