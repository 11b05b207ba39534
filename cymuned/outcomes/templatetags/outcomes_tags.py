from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from cymuned.outcomes.completeness import Rate

register = template.Library()


@register.simple_tag
def rate_rows(rates: list[Rate]) -> SafeString:
    """The rows of a completeness table written in one pass: the national table by cluster has a row
    for every cluster in Wales (over a thousand on the bench's data set), and a template loop over
    their six cells each was the largest part of the outcomes page's time. The counts are whole
    numbers written as they are (no thousands separator, as the template wrote them)."""
    cell = '<td class="nhsuk-table__cell cymuned-number">{}</td>'.format
    return mark_safe(
        "".join(
            '<tr class="nhsuk-table__row">'
            f'<th scope="row" class="nhsuk-table__header">{escape(str(rate.group))}</th>'
            f"{cell(rate.expected)}{cell(rate.on_time)}{cell(rate.late)}{cell(rate.missing)}"
            f"{cell('–' if (pct := rate.completeness_pct) is None else f'{pct}%')}"
            "</tr>"
            for rate in rates
        )
    )
