from html import escape

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cymuned import periods
from cymuned.portfolio.coverage import SUBSTANTIALLY_IN_PCT, Coverage
from cymuned.portfolio.models import State
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


@register.simple_tag
def select_options(value="", units=(), pairs=(), options=(), words=False, any_option=True) -> SafeString:
    """A filter's <option>s written in one pass: a national list holds every cluster in Wales (over a
    thousand on the bench's data set), and a template loop over them was most of the portfolio's
    rendering time. `units` are organisation units (their code sent, their name in the page's
    language shown); `pairs` are (value, label); `options` are plain values, periods shown in words
    when `words`."""
    value = str(value or "")
    rows: list[tuple[str, str]] = []
    if any_option:
        rows.append(("", _("Any")))
    rows.extend((unit.code, unit.name) for unit in units)
    rows.extend((str(key), str(label)) for key, label in pairs)
    language = get_language() or "en"
    rows.extend((str(option), periods.in_words(str(option), language) if words else str(option)) for option in options)
    # The standard library's escape on plain strings, as Django's escape does, without format_html's
    # per-argument lazy-string checks: over a thousand options made those a third of the page's time.
    return mark_safe(
        "".join(
            f'<option value="{escape(key)}"{" selected" if key == value else ""}>{escape(text)}</option>'
            for key, text in rows
        )
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


def _sorting(context, key):
    request = context["request"]
    query = request.GET.copy()
    current = query.get("sort", "code")
    query["sort"] = f"-{key}" if current == key else key
    query.pop("page", None)
    marker = " ▲" if current == key else " ▼" if current == f"-{key}" else ""
    aria = "ascending" if current == key else "descending" if current == f"-{key}" else ""
    return query.urlencode(), marker, aria


@register.simple_tag(takes_context=True)
def sort_link(context, key, label):
    """A column heading's link that sorts by it (the heading cell carries aria-sort: sort_header)."""
    query, marker, _aria = _sorting(context, key)
    return format_html('<a href="?{}">{}<span aria-hidden="true">{}</span></a>', query, label, marker)


@register.simple_tag(takes_context=True)
def sort_header(context, key, label):
    """A sortable column's heading cell: aria-sort on the cell when the table is sorted by it, and a
    link that sorts by it (or reverses the order)."""
    query, marker, aria = _sorting(context, key)
    sort = format_html(' aria-sort="{}"', aria) if aria else ""
    return format_html(
        '<th role="columnheader" scope="col" class="nhsuk-table__header"{}><a href="?{}">{}<span aria-hidden="true">{}</span></a></th>',
        sort,
        query,
        label,
        marker,
    )


@register.filter
def state_label(state: str) -> str:
    """A project's state in the reader's language. The same words as `get_state_display`, which
    rebuilds and hashes the field's whole list of choices, each label translated, on every call: a
    list of a hundred projects paid for that a hundred times."""
    return str(State(state).label) if state in State.values else state


@register.filter
def theme_label(theme: str) -> str:
    """A theme in the reader's language where the catalogue has it (themes are a short, shared list)."""
    return _(theme) if theme else ""


@register.simple_tag(takes_context=True)
def localised(context, record, field: str) -> str:
    """The Welsh text of a record's field on a Welsh page when it has one (`name_cy` beside `name`),
    else the English text."""
    from django.utils.translation import get_language

    english = getattr(record, field, "") or ""
    if (get_language() or "en").startswith("cy"):
        return getattr(record, f"{field}_cy", "") or english
    return english


@register.simple_tag
def in_language(text) -> str:
    """A text written in English and perhaps in Welsh (portfolio.changes.Text) in the page's language."""
    from django.utils.translation import get_language

    return text.in_language(get_language() or "en") if text else ""
