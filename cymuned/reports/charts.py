"""The paper's charts: projects by RAG status and by trend, from the summary."""

from cymuned import charts

from .wording import say

TREND_COLOURS = {
    "improving": charts.RAG_COLOURS["green"],
    "stable": charts.RAG_COLOURS["amber"],
    "worsening": charts.RAG_COLOURS["red"],
}


def _bars(counts: dict[str, int], colours: dict[str, str], language: str, alt: str) -> dict:
    labels = [say(key, language) for key in counts]
    values = [{"key": key, "label": say(key, language), "projects": n} for key, n in counts.items()]
    return charts.spec(
        {
            "data": {"values": values},
            "mark": {"type": "bar"},
            "encoding": {
                "x": {
                    "field": "label",
                    "type": "nominal",
                    "sort": labels,
                    "title": None,
                    "axis": {"labelAngle": 0},
                },
                "y": {
                    "field": "projects",
                    "type": "quantitative",
                    "title": say("projects_axis", language),
                },
                "color": {
                    "field": "label",
                    "type": "nominal",
                    "legend": None,
                    "scale": {"domain": labels, "range": [colours[k] for k in counts]},
                },
            },
        },
        description=alt,
        width=320,
        height=200,
    )


def rag_chart(summary: dict, language: str) -> tuple[dict, str]:
    alt = say("rag_chart_alt", language, **summary["rag"])
    return _bars(summary["rag"], charts.RAG_COLOURS, language, alt), alt


def trend_chart(summary: dict, language: str) -> tuple[dict, str]:
    alt = say("trend_chart_alt", language, **summary["trend"])
    return _bars(summary["trend"], TREND_COLOURS, language, alt), alt
