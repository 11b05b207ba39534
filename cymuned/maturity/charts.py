"""The maturity charts as Vega-Lite specs: a radar of the agreed stages against the minimum expected,
and each domain's agreed stage over the programme's cycles. Points are placed here (the radar's
geometry is plain trigonometry), so the spec needs no transforms. Each point of the radar
is its own mark with a description (domain, series, stage) for assistive technology: a line's point
overlay would leave an unnamed graphics symbol (axe: svg-img-alt)."""

import math
from collections.abc import Sequence

from django.utils.translation import gettext as _

from cymuned import charts


def _point(index: int, count: int, radius: float) -> tuple[float, float]:
    angle = 2 * math.pi * index / count
    return round(radius * math.sin(angle), 4), round(radius * math.cos(angle), 4)


def radar(title: str, axes: Sequence[tuple[str, float | None, int | None]], stages: int = 4) -> dict:
    """axes: (domain label, agreed or median stage, minimum expected); a domain not yet rated is at 0."""
    count = max(len(axes), 3)
    rows = []
    for ring in range(1, stages + 1):
        for i in range(count + 1):
            x, y = _point(i % count, count, ring)
            rows.append({"series": f"ring {ring}", "kind": "grid", "order": i, "x": x, "y": y, "label": ""})
    for name, key in ((_("Agreed stage"), 1), (_("Minimum expected"), 2)):
        for i in range(len(axes) + 1):
            label, stage, minimum = axes[i % len(axes)]
            value = stage if key == 1 else minimum
            x, y = _point(i % len(axes), count, float(value or 0))
            rows.append({"series": name, "kind": "line", "order": i, "x": x, "y": y, "label": label, "stage": value})
    for i, (label, _stage, _minimum) in enumerate(axes):
        x, y = _point(i, count, stages + 0.9)
        rows.append({"series": "label", "kind": "label", "order": i, "x": x, "y": y, "label": label})
    scale = {"domain": [-(stages + 1.6), stages + 1.6]}
    hidden = {"axis": None, "scale": scale}
    chart = charts.spec(
        {
            "title": title,
            "data": {"values": rows},
            "layer": [
                {
                    "transform": [{"filter": "datum.kind == 'grid'"}],
                    "mark": {"type": "line", "color": "#d8dde0", "strokeWidth": 1},
                    "encoding": {
                        "x": {"field": "x", "type": "quantitative", **hidden},
                        "y": {"field": "y", "type": "quantitative", **hidden},
                        "detail": {"field": "series"},
                        "order": {"field": "order"},
                    },
                },
                {
                    "transform": [{"filter": "datum.kind == 'line'"}],
                    "mark": {"type": "line"},
                    "encoding": {
                        "x": {"field": "x", "type": "quantitative", **hidden},
                        "y": {"field": "y", "type": "quantitative", **hidden},
                        "order": {"field": "order"},
                        "color": {
                            "field": "series",
                            "type": "nominal",
                            "title": None,
                            "scale": {"range": [charts.NHS_BLUE, "#d5281b"]},
                        },
                        "strokeDash": {
                            "field": "series",
                            "type": "nominal",
                            "legend": None,
                            "scale": {"range": [[1, 0], [4, 3]]},
                        },
                        "tooltip": [
                            {"field": "label", "title": _("Domain")},
                            {"field": "series", "title": " "},
                            {"field": "stage", "title": _("Stage")},
                        ],
                    },
                },
                {
                    "transform": [
                        {"filter": f"datum.kind == 'line' && datum.order < {len(axes)}"},
                        {"calculate": "datum.label + ', ' + datum.series + ': ' + datum.stage", "as": "said"},
                    ],
                    "mark": {"type": "point", "filled": True},
                    "encoding": {
                        "x": {"field": "x", "type": "quantitative", **hidden},
                        "y": {"field": "y", "type": "quantitative", **hidden},
                        "color": {"field": "series", "type": "nominal", "legend": None},
                        "description": {"field": "said"},
                        "tooltip": [
                            {"field": "label", "title": _("Domain")},
                            {"field": "series", "title": " "},
                            {"field": "stage", "title": _("Stage")},
                        ],
                    },
                },
                {
                    "transform": [{"filter": "datum.kind == 'label'"}],
                    "mark": {"type": "text", "fontSize": 11, "limit": 140},
                    "encoding": {
                        "x": {"field": "x", "type": "quantitative", **hidden},
                        "y": {"field": "y", "type": "quantitative", **hidden},
                        "text": {"field": "label"},
                    },
                },
            ],
        },
        description=_(
            "Radar chart of the agreed stage of each domain (1 to %(stages)s) against the minimum expected; the figures are in the table."
        )
        % {"stages": stages},
        width=420,
        height=420,
    )
    return chart


def progress(title: str, rows: Sequence[tuple[str, str, int]], cycles: Sequence[str], stages: int = 4) -> dict:
    """rows: (cycle, domain label, agreed stage). The points are a layer of their own, each described."""
    x = {"field": "cycle", "type": "ordinal", "title": _("Cycle"), "scale": {"domain": list(cycles)}}
    y = {
        "field": "stage",
        "type": "quantitative",
        "title": _("Agreed stage"),
        "scale": {"domain": [0, stages]},
        "axis": {"tickMinStep": 1},
    }
    colour = {"field": "domain", "type": "nominal", "title": _("Domain")}
    return charts.spec(
        {
            "title": title,
            "data": {"values": [{"cycle": c, "domain": d, "stage": s} for c, d, s in rows]},
            "layer": [
                {"mark": {"type": "line"}, "encoding": {"x": x, "y": y, "color": colour}},
                {
                    "transform": [
                        {"calculate": "datum.domain + ', ' + datum.cycle + ': ' + datum.stage", "as": "said"}
                    ],
                    "mark": {"type": "point", "filled": True},
                    "encoding": {
                        "x": x,
                        "y": y,
                        "color": colour,
                        "description": {"field": "said"},
                        "tooltip": [{"field": "domain"}, {"field": "cycle"}, {"field": "stage"}],
                    },
                },
            ],
        },
        description=_("The agreed stage of each domain in each cycle of the programme; the figures are in the table."),
    )
