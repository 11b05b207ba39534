"""Outcome charts as Vega-Lite specs: SPC (XmR), counts by category, and before/after scores."""

from typing import Any

from django.utils.translation import gettext as _

from cymuned import charts

from .comparison import paired_change
from .models import Measure, MeasureKind, MeasureValue
from .spc import Direction, SpcResult, xmr

MDC = {"common": "#768692", "improvement": "#41b6e6", "concern": "#ed8b00", "neither": "#330072"}


def spc_spec(result: SpcResult, title: str, y_title: str) -> dict:
    rows = [
        {
            "label": p.label,
            "order": i,
            "value": p.value,
            "mean": p.mean,
            "upper": p.upper,
            "lower": p.lower,
            "kind": result.kind(p),
            "target": result.target,
        }
        for i, p in enumerate(result.points)
    ]
    x = {"field": "label", "type": "ordinal", "sort": [r["label"] for r in rows], "title": None}
    layers = [
        {
            "mark": {"type": "line", "color": "#231f20", "strokeWidth": 1},
            "encoding": {"x": x, "y": {"field": "mean", "type": "quantitative"}},
        },
        {
            "mark": {"type": "line", "color": "#768692", "strokeDash": [4, 3]},
            "encoding": {"x": x, "y": {"field": "upper", "type": "quantitative"}},
        },
        {
            "mark": {"type": "line", "color": "#768692", "strokeDash": [4, 3]},
            "encoding": {"x": x, "y": {"field": "lower", "type": "quantitative"}},
        },
        {
            "mark": {"type": "line", "color": "#005eb8"},
            "encoding": {"x": x, "y": {"field": "value", "type": "quantitative", "title": y_title}},
        },
        {
            "mark": {"type": "point", "filled": True, "size": 60},
            "encoding": {
                "x": x,
                "y": {"field": "value", "type": "quantitative"},
                "color": {
                    "field": "kind",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": list(MDC), "range": list(MDC.values())},
                },
                "tooltip": [{"field": "label"}, {"field": "value"}, {"field": "kind"}],
            },
        },
    ]
    if result.target is not None:
        layers.append(
            {
                "mark": {"type": "rule", "color": "#d5281b", "strokeDash": [2, 2]},
                "encoding": {"y": {"datum": result.target}},
            }
        )
    return charts.spec(
        {"title": title, "data": {"values": rows}, "layer": layers},
        description=f"{title}: {result.summary}",
    )


def category_spec(measure: Measure, period: str, values: dict[str, float]) -> dict:
    rows: list[dict[str, Any]] = [
        {"category": measure.category_label(c["key"]), "count": values.get(c["key"], 0)} for c in measure.categories
    ]
    rows.sort(key=lambda r: -r["count"])
    return charts.spec(
        {
            "title": f"{measure.name} {period}",
            "data": {"values": rows},
            "mark": {"type": "bar", "color": charts.NHS_BLUE},
            "encoding": {
                "y": {"field": "category", "type": "nominal", "sort": "-x", "title": None},
                "x": {"field": "count", "type": "quantitative", "title": _("Number")},
                "tooltip": [{"field": "category"}, {"field": "count"}],
            },
        },
        description=_("%(measure)s in %(period)s by category: %(values)s")
        % {
            "measure": measure.name,
            "period": period,
            "values": "; ".join(f"{r['category']} {r['count']:g}" for r in rows),
        },
        height=max(160, 22 * len(rows)),
    )


def before_after_spec(measure: Measure) -> tuple[dict, object] | None:
    pairs = [
        (b, a) for b, a in measure.observations.exclude(after=None).values_list("before", "after") if a is not None
    ]
    if len(pairs) < 2:
        return None
    change = paired_change([float(b) for b, _a in pairs], [float(a) for _b, a in pairs])
    rows = [{"when": _("Before"), "score": float(b)} for b, _a in pairs] + [
        {"when": _("After"), "score": float(a)} for _b, a in pairs
    ]
    spec = charts.spec(
        {
            "title": measure.name,
            "data": {"values": rows},
            "mark": {"type": "boxplot", "extent": "min-max"},
            "encoding": {
                "x": {
                    "field": "when",
                    "type": "nominal",
                    "sort": [_("Before"), _("After")],
                    "title": None,
                },
                "y": {"field": "score", "type": "quantitative", "title": _("Score")},
                "color": {
                    "field": "when",
                    "type": "nominal",
                    "legend": None,
                    "scale": {"range": ["#768692", "#005eb8"]},
                },
            },
        },
        description=_(
            "%(measure)s before and after for %(n)s people: mean change %(change).1f (95%% CI %(low).1f to %(high).1f)."
        )
        % {
            "measure": measure.name,
            "n": change.pairs,
            "change": change.mean_change,
            "low": change.low,
            "high": change.high,
        },
        height=220,
    )
    return spec, change


def series(measure: Measure) -> list[tuple[str, float]]:
    """A measure's totals over time (categories added up), in period order."""
    totals: dict[str, float] = {}
    for period, value in MeasureValue.objects.filter(measure=measure).values_list("period", "value"):
        totals[period] = totals.get(period, 0.0) + float(value)
    return sorted(totals.items())


def measure_charts(measure: Measure, recalculate_at: list[int] | None = None) -> list[tuple[dict, str, str]]:
    """(spec, alternative text, caption) for each chart of a measure that has data."""
    found = []
    points = series(measure)
    if len(points) >= 2:
        result = xmr(points, Direction(measure.direction), measure.target, recalculate_at or ())
        spec = spc_spec(result, measure.name, measure.get_kind_display())
        found.append((spec, spec["description"], result.summary))
    if measure.kind == MeasureKind.CATEGORIES and points:
        latest = points[-1][0]
        values = {
            c: float(v)
            for c, v in MeasureValue.objects.filter(measure=measure, period=latest).values_list("category", "value")
        }
        spec = category_spec(measure, latest, values)
        found.append((spec, spec["description"], measure.name))
    if measure.kind == MeasureKind.SCORE:
        made = before_after_spec(measure)
        if made:
            found.append((made[0], made[0]["description"], measure.name))
    return found


def charts_for_project(project, period: str) -> list[tuple[dict, str, str]]:
    """The hook the cluster data pack calls."""
    return [chart for measure in project.measures.all() for chart in measure_charts(measure)]
