"""Charts as Vega-Lite specs: drawn in the page by vega-embed and rendered to SVG or PNG for
documents by vl-convert, from the same spec."""

import json
from functools import lru_cache

from django.utils.html import escape, json_script
from django.utils.safestring import mark_safe

NHS_BLUE = "#005eb8"
NHS_GREY = "#768692"
RAG_COLOURS = {"green": "#007f3b", "amber": "#ffb81c", "red": "#d5281b"}
BASE_CONFIG = {
    "font": "Arial, sans-serif",
    "axis": {"labelFontSize": 12, "titleFontSize": 13},
    "legend": {"labelFontSize": 12, "titleFontSize": 13},
    "view": {"stroke": None},
}


def spec(body: dict, description: str, width: int | str = "container", height: int = 260) -> dict:
    """A complete Vega-Lite spec with the house style and a description for screen readers."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": description,
        "width": width,
        "height": height,
        "config": BASE_CONFIG,
        **body,
    }


def embed(chart_id: str, chart: dict) -> str:
    """The markup that draws a chart in a page: a container and the spec as a JSON data block
    (read by static/cymuned/charts.js, so the content security policy can forbid inline script).
    The data block is written by Django's json_script, which escapes <, > and & in every value,
    so no text in a chart (`</script>`, `<!--`) can end the block or hide the page after it."""
    data = json_script(chart, f"{chart_id}-spec")
    return mark_safe(
        f'<figure class="cymuned-chart-figure"><div class="cymuned-chart" id="{escape(chart_id)}" '
        f'data-spec="{escape(chart_id)}-spec" role="img" aria-label="{escape(chart.get("description", ""))}"></div>'
        f"{data}</figure>"
    )


@lru_cache(maxsize=256)
def _render(kind: str, text: str, scale: float) -> bytes | str:
    import vl_convert

    chart = json.loads(text)
    if chart.get("width") == "container":
        chart["width"] = 560
    if kind == "svg":
        return vl_convert.vegalite_to_svg(chart)
    return vl_convert.vegalite_to_png(chart, scale=scale)


def to_svg(chart: dict) -> str:
    svg = _render("svg", json.dumps(chart, sort_keys=True), 1.0)
    assert isinstance(svg, str)
    return svg


def to_png(chart: dict, scale: float = 2.0) -> bytes:
    png = _render("png", json.dumps(chart, sort_keys=True), scale)
    assert isinstance(png, bytes)
    return png
