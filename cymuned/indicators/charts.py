"""The dashboard's charts as Vega-Lite specs: the spine chart, a funnel plot per indicator, trends and
the deprivation gradient. Clusters the reader may not see are drawn unnamed."""

import math

from django.utils.translation import gettext as _

from cymuned.charts import NHS_BLUE, NHS_GREY, spec
from cymuned.statistics.proportions import funnel_limits

from .dashboard import Dashboard, Row
from .definitions import Unit

FUNNEL_STEPS = 40
# Decimals kept in a chart's numbers: a chart is a few hundred pixels across and its tooltips show two
# decimals, so the rest of a float's seventeen digits are never seen; they made each funnel's data half
# again as large (the page sends twenty funnels).
DRAWN_DECIMALS = 3
# the funnel's two levels of control limits, each the key of its pair of lines
INNER, OUTER = (0.95, "95"), (0.998, "99_8")


def _drawn(value: float | None) -> float | None:
    return None if value is None else round(value, DRAWN_DECIMALS)


def _name(row: Row) -> str:
    return row.name


def spine(dashboard: Dashboard, visible: set[int] | None) -> dict:
    """Each indicator on its own scale from the lowest cluster in Wales (0) to the highest (1): the range
    of clusters, the middle half of them, Wales's value (a black tick) and this area's (a blue circle)."""
    data = []
    for row in dashboard.rows:
        values = sorted(f.value for _c, f in row.clusters if f.shown and f.value is not None)
        if len(values) < 2 or not row.figure.shown or row.figure.value is None:
            continue
        low, high = values[0], values[-1]
        span = (high - low) or 1.0

        def place(v: float, low: float = low, span: float = span) -> float:
            return max(0.0, min(1.0, (v - low) / span))

        quarter, three = values[len(values) // 4], values[(3 * len(values)) // 4]
        wales = row.wales.figure.value if row.wales and row.wales.figure.shown else None
        data.append(
            {
                "indicator": row.name,
                "low": 0.0,
                "high": 1.0,
                "q1": place(quarter),
                "q3": place(three),
                "area": place(row.figure.value),
                "area_value": row.text(row.figure.value),
                "wales": place(wales) if wales is not None else None,
                "wales_value": row.text(wales),
                "range": f"{row.text(low)}–{row.text(high)}",
            }
        )
    y = {"field": "indicator", "type": "nominal", "sort": None, "title": None}
    tooltip = [
        {"field": "indicator", "title": _("Indicator")},
        {"field": "area_value", "title": dashboard.unit.name},
        {"field": "wales_value", "title": _("Wales")},
        {"field": "range", "title": _("Range of clusters")},
    ]
    return spec(
        {
            "data": {"values": data},
            "layer": [
                {
                    "mark": {"type": "bar", "color": "#e8edee", "height": 14},
                    "encoding": {
                        "y": y,
                        "x": {
                            "field": "low",
                            "type": "quantitative",
                            "scale": {"domain": [0, 1]},
                            "axis": {"labels": False, "ticks": False, "title": _("lowest cluster in Wales → highest")},
                        },
                        "x2": {"field": "high"},
                    },
                },
                {
                    "mark": {"type": "bar", "color": "#aeb7bd", "height": 14},
                    "encoding": {"y": y, "x": {"field": "q1", "type": "quantitative"}, "x2": {"field": "q3"}},
                },
                {
                    "mark": {"type": "tick", "color": "#212b32", "thickness": 3, "size": 18},
                    "encoding": {"y": y, "x": {"field": "wales", "type": "quantitative"}, "tooltip": tooltip},
                },
                {
                    "mark": {"type": "point", "filled": True, "size": 110, "color": NHS_BLUE, "shape": "circle"},
                    "encoding": {"y": y, "x": {"field": "area", "type": "quantitative"}, "tooltip": tooltip},
                },
            ],
        },
        _(
            "Spine chart: each indicator of %(area)s (blue circle) against the range of clusters in Wales (grey bars: all, and the middle half) and Wales (black tick)."
        )
        % {"area": dashboard.unit.name},
        height=max(120, 22 * len(data)),
    )


def funnel(row: Row, dashboard: Dashboard, visible: set[int] | None) -> dict | None:
    """Every cluster's value against its denominator, with control limits at 95 % and 99.8 % around
    Wales's value (proportions only)."""
    if row.definition.unit is not Unit.PERCENT or not row.wales or not row.wales.figure.shown:
        return None
    centre = (row.wales.figure.value or 0.0) / 100
    another = _("another cluster")
    points = [
        {
            "cluster": c.name if visible is None or c.pk in visible else another,
            "denominator": f.denominator,
            "value": _drawn(f.value),
            "this": c.pk == dashboard.unit.pk,
        }
        for c, f in row.clusters
        if f.shown and f.denominator
    ]
    if not points or not 0 < centre < 1:
        return None
    sizes = [float(f.denominator) for _c, f in row.clusters if f.shown and f.denominator]
    smallest = max(1.0, min(sizes) * 0.8)
    largest = max(sizes) * 1.2
    limits: list[dict[str, float | None]] = []
    # each limit line's key (a field name, so without the dot Vega would read as a path; the lines
    # are told apart by their dashes, never named)
    lines = [(level, f"{key}_lower", f"{key}_upper") for level, key in (INNER, OUTER)]
    for step in range(FUNNEL_STEPS + 1):
        n = math.exp(math.log(smallest) + (math.log(largest) - math.log(smallest)) * step / FUNNEL_STEPS)
        # one row per denominator with its four limits, folded into lines by the chart itself
        limit_row: dict[str, float | None] = {"denominator": _drawn(n)}
        for level, lower, upper in lines:
            band = funnel_limits(centre, n, level)
            limit_row[lower] = _drawn(band.lower * 100)
            limit_row[upper] = _drawn(band.upper * 100)
        limits.append(limit_row)
    x = {"field": "denominator", "type": "quantitative", "scale": {"type": "log"}, "title": _("Denominator (patients)")}
    return spec(
        {
            "layer": [
                {
                    "data": {"values": limits},
                    "transform": [
                        {"fold": [name for _level, *names in lines for name in names], "as": ["line", "limit"]},
                        # both lines of a level drawn alike: solid at 95 %, dashed at 99.8 %
                        {"calculate": f"indexof(datum.line, '{OUTER[1]}_') === 0", "as": "outer"},
                    ],
                    "mark": {"type": "line", "color": NHS_GREY},
                    "encoding": {
                        "x": x,
                        "y": {"field": "limit", "type": "quantitative", "title": "%"},
                        "detail": {"field": "line"},
                        "strokeDash": {"field": "outer", "type": "nominal", "legend": None},
                    },
                },
                {
                    "data": {"values": [{"wales": centre * 100}]},
                    "mark": {"type": "rule", "color": "#212b32"},
                    "encoding": {"y": {"field": "wales", "type": "quantitative"}},
                },
                {
                    "data": {"values": points},
                    "mark": {"type": "point", "filled": True},
                    "encoding": {
                        "x": x,
                        "y": {"field": "value", "type": "quantitative", "scale": {"zero": False}},
                        "shape": {"field": "this", "type": "nominal", "legend": None},
                        "color": {"condition": {"test": "datum.this", "value": NHS_BLUE}, "value": NHS_GREY},
                        "size": {"condition": {"test": "datum.this", "value": 120}, "value": 40},
                        "tooltip": [
                            {"field": "cluster", "title": _("Cluster")},
                            {"field": "value", "format": ".2f", "title": "%"},
                            {"field": "denominator", "format": ",", "title": _("Denominator")},
                        ],
                    },
                },
            ]
        },
        _(
            "Funnel plot of %(indicator)s: every cluster in Wales by its denominator, with 95 %% and 99.8 %% limits around Wales's %(value)s %%; %(area)s is the blue point."
        )
        % {"indicator": row.name, "value": row.text(centre * 100), "area": dashboard.unit.name},
        height=220,
    )


def trend(row: Row, dashboard: Dashboard) -> dict | None:
    data = []
    for year, own, board, wales in row.trend:
        for area, f in ((dashboard.unit, own), (dashboard.board, board), (dashboard.wales, wales)):
            if area is not None and f is not None and f.shown:
                data.append({"year": year, "area": area.name, "value": _drawn(f.value)})
    if len({d["year"] for d in data}) < 2:
        return None
    return spec(
        {
            "data": {"values": data},
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": {"field": "year", "type": "ordinal", "title": _("Year")},
                "y": {"field": "value", "type": "quantitative", "scale": {"zero": False}, "title": row.name},
                "color": {"field": "area", "type": "nominal", "title": None},
                "shape": {"field": "area", "type": "nominal", "title": None},
            },
        },
        _("Trend of %(indicator)s by year for %(area)s, its health board and Wales.")
        % {"indicator": row.name, "area": dashboard.unit.name},
        height=180,
    )
