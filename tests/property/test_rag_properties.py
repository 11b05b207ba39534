from dataclasses import replace
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from cymuned.portfolio import rag
from cymuned.portfolio.rag import (
    Metrics,
    Quality,
    Rag,
    Resources,
    Stakeholders,
    Trend,
    trend,
)
from tests.definitions import in_files

LIMITS = rag.Thresholds.of(in_files("rag"))


def assess(metrics, *args, **kwargs):
    return rag.assess(metrics, LIMITS, *args, **kwargs)


money = st.decimals(min_value=0, max_value=10**7, places=2)
pct = st.decimals(min_value=0, max_value=300, places=2)
weeks = st.decimals(min_value=0, max_value=52, places=1)
rags = st.sampled_from(list(Rag))

metrics = st.builds(
    Metrics,
    target_attainment_pct=st.none() | pct,
    budget_gbp=st.none() | money,
    forecast_spend_gbp=st.none() | money,
    milestone_delay_weeks=st.none() | weeks,
    quality=st.none() | st.sampled_from(list(Quality)),
    resources=st.none() | st.sampled_from(list(Resources)),
    stakeholders=st.none() | st.sampled_from(list(Stakeholders)),
)


def severity(rag):
    return -1 if rag is None else rag.severity


ORDERED = {
    "quality": list(Quality),
    "resources": list(Resources),
    "stakeholders": list(Stakeholders),
}


@st.composite
def worsened(draw):
    """A pair of metrics where the second is the first with one metric made worse."""
    base = draw(metrics)
    field = draw(st.sampled_from(["target", "forecast", "delay", "quality", "resources", "stakeholders"]))
    if field == "target" and base.target_attainment_pct is not None:
        return base, replace(
            base,
            target_attainment_pct=base.target_attainment_pct * draw(st.decimals(0, 1, places=2)),
        )
    if field == "forecast" and base.forecast_spend_gbp is not None and base.budget_gbp is not None:
        return base, replace(base, forecast_spend_gbp=base.forecast_spend_gbp + draw(money))
    if field == "delay" and base.milestone_delay_weeks is not None:
        return base, replace(base, milestone_delay_weeks=base.milestone_delay_weeks + draw(weeks))
    if field in ORDERED and getattr(base, field) is not None:
        levels = ORDERED[field]
        now = levels.index(getattr(base, field))
        return base, replace(base, **{field: levels[draw(st.integers(now, len(levels) - 1))]})
    return base, base


@given(worsened())
def test_making_one_metric_worse_never_improves_the_status(pair):
    better, worse = pair
    assert severity(assess(worse).computed) >= severity(assess(better).computed)


@given(metrics)
def test_overall_is_the_worst_judgement(m):
    result = assess(m)
    if result.judgements:
        assert result.computed.severity == max(j.rag.severity for j in result.judgements)
        assert len(result.reasons) == sum(j.rag is not Rag.GREEN for j in result.judgements)
    else:
        assert result.computed is None


@given(metrics, rags, st.text(min_size=1).filter(str.strip))
def test_override_always_wins(m, override, reason):
    assert assess(m, override, reason).status is override


@given(rags, rags)
def test_trend_is_antisymmetric_and_bounded(a, b):
    forward, backward = trend(a, b), trend(b, a)
    assert (forward is Trend.IMPROVING) == (backward is Trend.WORSENING)
    assert (forward is Trend.STABLE) == (a is b)
    if b is Rag.GREEN:
        assert forward is not Trend.WORSENING  # a green project is never worsening
    if b is Rag.RED:
        assert forward is not Trend.IMPROVING  # a red one is never improving


@given(st.decimals(min_value=Decimal("0.01"), max_value=10**6, places=2), st.decimals(0, 200, places=2))
def test_overspend_boundary_is_exact(budget, pct):
    forecast = budget * (1 + pct / 100)
    result = assess(Metrics(budget_gbp=budget, forecast_spend_gbp=forecast)).computed
    assert result is (Rag.GREEN if pct == 0 else Rag.AMBER if pct <= 5 else Rag.RED)
