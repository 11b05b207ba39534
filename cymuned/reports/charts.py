"""The paper's charts as Vega-Lite specs: projects by RAG status and by trend.

The same spec is drawn in a web page (cymuned.charts.embed) and rendered to SVG for HTML and PDF
and to PNG for Word (cymuned.charts.to_svg / to_png)."""

from cymuned import charts

from .numbers import digits
from .wording import say

RAG_KEYS = ("green", "amber", "red")
TREND_KEYS = ("improving", "stable", "worsening")
# The paper colours the trend as it colours the status: improving green, stable amber, worsening red.
TREND_COLOURS = dict(zip(TREND_KEYS, (charts.RAG_COLOURS[k] for k in RAG_KEYS), strict=True))


def label(key: str, language: str) -> str:
    if language == "both":
        return f"{say(key, 'cy')} / {say(key, 'en')}"
    return say(key, language)


def text(key: str, language: str, **values) -> str:
    if language == "both":
        return f"{say(key, 'cy', **values)} / {say(key, 'en', **values)}"
    return say(key, language, **values)


def bar_chart(counts: dict[str, int], keys: tuple[str, ...], colours: dict[str, str], language: str, alt: str) -> dict:
    labels = [label(key, language) for key in keys]
    axis: dict[str, object] = {"labelAngle": 0}
    if language == "both":
        axis["labelExpr"] = "split(datum.label, ' / ')"  # Welsh above English
    values = [{"key": key, "label": label(key, language), "projects": counts.get(key, 0)} for key in keys]
    return charts.spec(
        {
            "data": {"values": values},
            "mark": {"type": "bar", "tooltip": True},
            "encoding": {
                "x": {"field": "label", "type": "nominal", "sort": labels, "title": None, "axis": axis},
                "y": {
                    "field": "projects",
                    "type": "quantitative",
                    "title": text("projects_axis", language),
                    "axis": {"tickMinStep": 1, "format": "d"},
                },
                "color": {
                    "field": "label",
                    "type": "nominal",
                    "legend": None,
                    "scale": {"domain": labels, "range": [colours[k] for k in keys]},
                },
            },
        },
        description=alt,
        width=340,
        height=170,
    )


def rag_chart(rag: dict[str, int], language: str) -> tuple[dict, str]:
    """(spec, alternative text) for the bar chart of projects by RAG status."""
    alt = text("rag_chart_alt", language, **{k: digits(rag.get(k, 0)) for k in RAG_KEYS})
    return bar_chart(rag, RAG_KEYS, charts.RAG_COLOURS, language, alt), alt


def trend_chart(trend: dict[str, int], language: str) -> tuple[dict, str]:
    alt = text("trend_chart_alt", language, **{k: digits(trend.get(k, 0)) for k in TREND_KEYS})
    return bar_chart(trend, TREND_KEYS, TREND_COLOURS, language, alt), alt


# Vega sizes a chart by measuring its labels with the fonts vl-convert finds; the SVG is then drawn
# by WeasyPrint or a browser. Naming first the font the server has (Debian's DejaVu Sans) makes the
# measuring and the drawing agree, so long axis labels are not clipped; elsewhere Arial is narrower.
DOCUMENT_FONT = "DejaVu Sans, Arial, sans-serif"


def for_document(spec: dict) -> dict:
    """The web page's spec with the document font, for rendering to SVG or PNG."""
    config = {**spec.get("config", {}), "font": DOCUMENT_FONT}
    return {**spec, "config": config}
