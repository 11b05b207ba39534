"""Outcome charts as Vega-Lite specs: SPC (XmR), counts by category, and before/after scores."""

import base64
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cymuned import charts, periods
from cymuned.statistics.intervals import Change, paired_change
from cymuned.statistics.spc import Direction, Kind, SpcResult, xmr

from . import icons, spc_words
from .models import Measure, MeasureKind, MeasureValue, ScoreObservation

LEGEND = {"orient": "bottom", "columns": 2, "labelLimit": 320, "symbolStrokeWidth": 2}
KINDS = (Kind.COMMON, Kind.IMPROVEMENT, Kind.CONCERN, Kind.NEITHER)
SHAPES = {Kind.COMMON: "circle", Kind.IMPROVEMENT: "square", Kind.CONCERN: "diamond", Kind.NEITHER: "triangle-up"}


@dataclass(frozen=True)
class DataTable:
    """The figures behind a chart, as a table: its alternative for those who cannot see it."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class OutcomeChart:
    spec: dict
    alt: str
    caption: str
    icons: tuple[str, ...] = ()  # SVG markup of the Making Data Count icons, each with its text alternative
    table: DataTable | None = None
    warnings: tuple[str, ...] = ()


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value == value else ""


def spc_table(result: SpcResult) -> DataTable:
    header = (_("Period"), _("Value"), _("Mean"), _("Lower limit"), _("Upper limit"), _("Signal"))
    language = get_language() or "en"
    rows = tuple(
        (
            periods.in_words(p.period, language),
            _number(p.value),
            _number(p.mean),
            _number(p.lower),
            _number(p.upper),
            str(spc_words.KIND[p.kind]) + (f" ({spc_words.rules_text(p.rules)})" if p.rules else ""),
        )
        for p in result.points
    )
    return DataTable(header, rows, _("The chart's figures"))


def _image_url(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def spc_spec(result: SpcResult, title: str, y_title: str, with_icons: bool = False) -> dict:
    """An XmR chart: values coloured by what the rules found, the mean and limits of each limits period
    (broken at a recalculation), the target, and a legend for all of them. `with_icons` draws the Making
    Data Count icons to the right of the plot, for documents (a page draws them beside the chart)."""
    mean_name, limits_name = _("Mean"), _("Process limits (3 sigma)")
    provisional_name, target_name = _("Provisional limits (fewer than 12 points)"), _("Target")
    # Periods in words on the axis and in tooltips ("2024-25 Quarter 4", "Ionawr 2025"); codes stay in data files.
    said = {p.period: periods.in_words(p.period, get_language() or "en") for p in result.points}
    order = [said[p.period] for p in result.points]
    x = {"field": "period", "type": "ordinal", "sort": order, "title": None}
    points = [
        {
            "period": said[p.period],
            "value": p.value,
            "kind": str(spc_words.KIND[p.kind]),
            "rules": spc_words.rules_text(p.rules),
        }
        for p in result.points
    ]
    lines = []
    for p in result.points:
        limits = provisional_name if p.provisional else limits_name
        lines += [
            {"period": said[p.period], "y": p.mean, "line": mean_name, "segment": f"mean-{p.limits_period}"},
            {"period": said[p.period], "y": p.upper, "line": limits, "segment": f"upper-{p.limits_period}"},
            {"period": said[p.period], "y": p.lower, "line": limits, "segment": f"lower-{p.limits_period}"},
        ]
        if result.target is not None:
            lines.append({"period": said[p.period], "y": result.target, "line": target_name, "segment": "target"})
    names = [mean_name, limits_name]
    styles = [[1, 0], [6, 4]]
    colours = [icons.MEAN, icons.LIMITS]
    if any(p.provisional for p in result.points):
        names.append(provisional_name)
        styles.append([2, 3])
        colours.append(icons.LIMITS)
    if result.target is not None:
        names.append(target_name)
        styles.append([4, 2])
        colours.append(icons.TARGET)
    kinds = (
        [k for k in KINDS if k is not Kind.NEITHER]
        if result.direction is not Direction.NEITHER
        else [
            Kind.COMMON,
            Kind.NEITHER,
        ]
    )
    kind_names = [str(spc_words.KIND[k]) for k in kinds]
    layers = [
        {
            "data": {"values": lines},
            "mark": {"type": "line", "strokeWidth": 1.5},
            "encoding": {
                "x": x,
                "y": {"field": "y", "type": "quantitative", "title": y_title},
                "detail": {"field": "segment"},
                "color": {
                    "field": "line",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": names, "range": colours},
                    "legend": LEGEND,
                },
                "strokeDash": {
                    "field": "line",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": names, "range": styles},
                    "legend": LEGEND,
                },
            },
        },
        {
            "data": {"values": points},
            "mark": {"type": "line", "color": icons.COLOURS["common"], "strokeWidth": 1.5},
            "encoding": {"x": x, "y": {"field": "value", "type": "quantitative"}},
        },
        {
            "data": {"values": points},
            "mark": {"type": "point", "filled": True, "size": 70, "opacity": 1},
            "encoding": {
                "x": x,
                "y": {"field": "value", "type": "quantitative"},
                "fill": {
                    "field": "kind",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": kind_names, "range": [icons.COLOURS[str(k)] for k in kinds]},
                    "legend": LEGEND,
                },
                "shape": {
                    "field": "kind",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": kind_names, "range": [SHAPES[k] for k in kinds]},
                    "legend": LEGEND,
                },
                "tooltip": [
                    {"field": "period", "title": _("Period")},
                    {"field": "value", "title": _("Value")},
                    {"field": "kind", "title": _("Signal")},
                    {"field": "rules", "title": _("Rules")},
                ],
            },
        },
    ]
    if with_icons:
        drawn = icons.icons_for(result, size=44)
        if drawn:
            layers.append(
                {
                    "data": {"values": [{"url": _image_url(svg), "n": i} for i, svg in enumerate(drawn)]},
                    "mark": {"type": "image", "width": 40, "height": 40},
                    "encoding": {
                        "url": {"field": "url", "type": "nominal"},
                        "x": {"value": {"expr": "width + 30"}},
                        "y": {"value": {"expr": "22 + 46 * datum.n"}},
                    },
                }
            )
    return charts.spec(
        {"title": title, "layer": layers},
        description=f"{title}: {spc_words.summary(result)}",
        height=280,
    )


def spc_chart(result: SpcResult, title: str, y_title: str, with_icons: bool = False) -> OutcomeChart:
    spec = spc_spec(result, title, y_title, with_icons)
    return OutcomeChart(
        spec,
        spec["description"],
        spc_words.summary(result),
        tuple(icons.icons_for(result)),
        spc_table(result),
        tuple(spc_words.warnings(result)),
    )


def category_spec(measure: Measure, period: str, values: dict[str, float]) -> dict:
    counted = sorted(
        ((measure.category_label(c["key"]), values.get(c["key"], 0)) for c in measure.categories), key=lambda r: -r[1]
    )
    rows = [{"category": name, "count": count} for name, count in counted]
    return charts.spec(
        {
            "title": f"{measure.name} {periods.in_words(period, get_language() or 'en')}",
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


def category_table(measure: Measure, period: str, values: dict[str, float]) -> DataTable:
    rows = sorted(
        ((measure.category_label(c["key"]), values.get(c["key"], 0)) for c in measure.categories), key=lambda r: -r[1]
    )
    return DataTable(
        (_("Category"), _("Number")), tuple((name, f"{count:g}") for name, count in rows), f"{measure.name} {period}"
    )


@dataclass(frozen=True)
class MeasureData:
    """What a measure's charts are drawn from, read once: its values (period, category, value) and
    its people's scores (before, after) in order of subject."""

    values: tuple[tuple[str, str, Decimal], ...]
    observed: tuple[tuple[Decimal, Decimal | None], ...] = ()


def measure_data(measures: list[Measure]) -> dict[int, MeasureData]:
    """The data of many measures in two queries, whatever their number."""
    values: dict[int, list] = {m.pk: [] for m in measures}
    observed: dict[int, list] = {m.pk: [] for m in measures}
    rows = MeasureValue.objects.filter(measure__in=measures).order_by("period", "category", "pk")
    for measure_id, period, category, value in rows.values_list("measure_id", "period", "category", "value"):
        values[measure_id].append((period, category, value))
    scored = [m.pk for m in measures if m.kind == MeasureKind.SCORE]
    if scored:
        people = ScoreObservation.objects.filter(measure__in=scored).order_by("subject", "pk")
        for measure_id, before, after in people.values_list("measure_id", "before", "after"):
            observed[measure_id].append((before, after))
    return {pk: MeasureData(tuple(values[pk]), tuple(observed[pk])) for pk in values}


def _data(measure: Measure, data: MeasureData | None) -> MeasureData:
    return data if data is not None else measure_data([measure])[measure.pk]


def observations(measure: Measure, data: MeasureData | None = None) -> tuple[list[float], list[float | None]]:
    found = _data(measure, data).observed
    return [float(b) for b, _a in found], [None if a is None else float(a) for _b, a in found]


def change_of(measure: Measure, data: MeasureData | None = None) -> Change | None:
    """The before/after change of a score measure's people; None with fewer than two complete pairs."""
    before, after = observations(measure, data)
    if sum(a is not None for a in after) < 2:
        return None
    threshold = None if measure.threshold is None else float(measure.threshold)
    return paired_change(before, after, threshold, higher_is_better=measure.direction != "lower")


def change_sentence(measure: Measure, change: Change) -> str:
    text = _(
        "%(n)s people with scores before and after: mean %(before).1f before and %(after).1f after; mean change "
        "%(change).1f (95%% confidence interval %(low).1f to %(high).1f)."
    ) % {
        "n": change.pairs,
        "before": change.mean_before,
        "after": change.mean_after,
        "change": change.mean_change,
        "low": change.low,
        "high": change.high,
    }
    text += " " + _("%(n)s lost to follow-up (a score before, none after).") % {"n": change.lost_to_follow_up}
    if change.threshold is not None:
        text += " " + _(
            "Reaching %(sign)s %(threshold)s: %(before)s of %(n)s (%(before_share).0f%%) before, %(after)s of %(n)s "
            "(%(after_share).0f%%) after."
        ) % {
            "sign": "≥" if change.higher_is_better else "≤",
            "threshold": f"{change.threshold:g}",
            "before": change.reaching_before,
            "after": change.reaching_after,
            "n": change.pairs,
            "before_share": 100 * (change.share_reaching_before or 0),
            "after_share": 100 * (change.share_reaching_after or 0),
        }
    return text


def change_table(change: Change) -> DataTable:
    rows = [
        (_("People with scores before and after"), str(change.pairs)),
        (_("Lost to follow-up"), str(change.lost_to_follow_up)),
        (_("Mean before"), f"{change.mean_before:.1f}"),
        (_("Mean after"), f"{change.mean_after:.1f}"),
        (_("Mean change"), f"{change.mean_change:.1f}"),
        (_("95% confidence interval"), f"{change.low:.1f} – {change.high:.1f}"),
    ]
    if change.threshold is not None:
        sign = "≥" if change.higher_is_better else "≤"
        rows += [
            (
                _("Reaching %(sign)s %(threshold)s before") % {"sign": sign, "threshold": f"{change.threshold:g}"},
                f"{change.reaching_before} ({100 * (change.share_reaching_before or 0):.0f}%)",
            ),
            (
                _("Reaching %(sign)s %(threshold)s after") % {"sign": sign, "threshold": f"{change.threshold:g}"},
                f"{change.reaching_after} ({100 * (change.share_reaching_after or 0):.0f}%)",
            ),
        ]
    return DataTable((_("Figure"), _("Value")), tuple(rows), _("The chart's figures"))


def before_after_spec(measure: Measure, data: MeasureData | None = None) -> tuple[dict, Change] | None:
    data = _data(measure, data)
    change = change_of(measure, data)
    if change is None:
        return None
    pairs = [(b, a) for b, a in zip(*observations(measure, data), strict=True) if a is not None]
    rows = [{"when": _("Before"), "score": b} for b, _a in pairs] + [
        {"when": _("After"), "score": a} for _b, a in pairs
    ]
    spec = charts.spec(
        {
            "title": measure.name,
            "data": {"values": rows},
            "mark": {"type": "boxplot", "extent": "min-max"},
            "encoding": {
                "x": {"field": "when", "type": "nominal", "sort": [_("Before"), _("After")], "title": None},
                "y": {"field": "score", "type": "quantitative", "title": _("Score")},
                "color": {
                    "field": "when",
                    "type": "nominal",
                    "legend": None,
                    "scale": {"range": ["#768692", "#005eb8"]},
                },
            },
        },
        description=f"{measure.name}: {change_sentence(measure, change)}",
        height=220,
    )
    return spec, change


def series(measure: Measure, data: MeasureData | None = None) -> list[tuple[str, Decimal]]:
    """A measure's totals over time (categories added up), in period order."""
    totals: dict[str, Decimal] = {}
    for period, _category, value in _data(measure, data).values:
        totals[period] = totals.get(period, Decimal(0)) + value
    return sorted(totals.items())


def measure_charts(
    measure: Measure, recalculate_at: list[int] | None = None, with_icons: bool = False, data: MeasureData | None = None
) -> list[OutcomeChart]:
    """Each chart of a measure that has data, with its text alternative, caption and data table."""
    found = []
    data = _data(measure, data)
    points = series(measure, data)
    if len(points) >= 2:
        ignored = ""
        try:
            result = xmr(points, Direction(measure.direction), measure.target, recalculate_at or ())
        except ValueError:  # a recalculation that leaves a limits period of one point
            ignored = _("The recalculation asked for was ignored: each limits period needs at least two points.")
            result = xmr(points, Direction(measure.direction), measure.target)
        chart = spc_chart(result, measure.name, measure.get_kind_display(), with_icons)
        if ignored:
            chart = replace(chart, warnings=(ignored, *chart.warnings))
        found.append(chart)
    if measure.kind == MeasureKind.CATEGORIES and points:
        latest = points[-1][0]
        values = {c: float(v) for period, c, v in data.values if period == latest}
        spec = category_spec(measure, latest, values)
        found.append(
            OutcomeChart(spec, spec["description"], measure.name, table=category_table(measure, latest, values))
        )
    if measure.kind == MeasureKind.SCORE:
        made = before_after_spec(measure, data)
        if made:
            found.append(OutcomeChart(made[0], made[0]["description"], measure.name, table=change_table(made[1])))
    return found


def charts_for_project(project, period: str) -> list[tuple[dict, str, str, DataTable | None]]:
    """(spec, alternative text, caption, data table) for each chart of a project, the SPC charts with
    their Making Data Count icons drawn in."""
    return charts_for_projects([project], period).get(project.pk, [])


def charts_for_projects(projects, period: str) -> dict[int, list[tuple[dict, str, str, DataTable | None]]]:
    """The hook the cluster data pack calls: each project's charts (as `charts_for_project`), by
    project id, read in three queries however many projects and measures there are."""
    measures = list(Measure.objects.filter(project__in=[p.pk for p in projects]).order_by("project_id", "code"))
    data = measure_data(measures)
    found: dict[int, list[tuple[dict, str, str, DataTable | None]]] = {}
    for measure in measures:
        for chart in measure_charts(measure, with_icons=True, data=data[measure.pk]):
            found.setdefault(measure.project_id, []).append((chart.spec, chart.alt, chart.caption, chart.table))
    return found
