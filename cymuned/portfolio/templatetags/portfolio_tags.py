from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from cymuned.portfolio.coverage import SUBSTANTIALLY_IN_PCT, Coverage
from cymuned.portfolio.rag import Rag, Trend

register = template.Library()

ARROWS = {Trend.IMPROVING: "▲", Trend.STABLE: "►", Trend.WORSENING: "▼"}


@register.simple_tag
def rag_badge(status):
    if not status:
        return format_html('<span class="cymuned-rag cymuned-rag--none">{}</span>', _("Not assessed"))
    rag = Rag(status)
    return format_html('<span class="cymuned-rag cymuned-rag--{}">{}</span>', rag.value, rag.label)


@register.simple_tag
def trend_label(value):
    if not value:
        return "–"
    moved = Trend(value)
    return format_html(
        '<span class="cymuned-trend cymuned-trend--{}"><span aria-hidden="true">{}</span> {}</span>',
        moved.value,
        ARROWS[moved],
        moved.label,
    )


MISSING_SHOWN = 50  # codes of missing projects named on a page; the rest are counted


@register.inclusion_tag("portfolio/_coverage.html")
def coverage_note(coverage: Coverage) -> dict:
    """ "52 of 54 monitored projects have a return for this quarter; missing: …", and a warning when
    the quarter's returns are not substantially in."""
    return {
        "coverage": coverage,
        "shown": coverage.missing[:MISSING_SHOWN],
        "more": max(0, len(coverage.missing) - MISSING_SHOWN),
        "substantially_in": coverage.substantially_in,
        "threshold": f"{SUBSTANTIALLY_IN_PCT:f}",
    }


@register.simple_tag(takes_context=True)
def sort_link(context, key, label):
    request = context["request"]
    query = request.GET.copy()
    current = query.get("sort", "code")
    query["sort"] = f"-{key}" if current == key else key
    query.pop("page", None)
    marker = " ▲" if current == key else " ▼" if current == f"-{key}" else ""
    aria = "ascending" if current == key else "descending" if current == f"-{key}" else "none"
    return format_html('<a href="?{}" aria-sort="{}">{}{}</a>', query.urlencode(), aria, label, marker)
