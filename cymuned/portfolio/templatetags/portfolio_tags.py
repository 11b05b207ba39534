from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def rag_badge(status):
    if not status:
        return format_html('<span class="cymuned-rag cymuned-rag--none">{}</span>', _("Not assessed"))
    names = {"green": _("Green"), "amber": _("Amber"), "red": _("Red")}
    return format_html('<span class="cymuned-rag cymuned-rag--{}">{}</span>', status, names.get(status, status))


@register.simple_tag
def trend_label(value):
    names = {"improving": _("Improving"), "stable": _("Stable"), "worsening": _("Worsening")}
    arrows = {"improving": "▲", "stable": "►", "worsening": "▼"}
    if not value:
        return "–"
    return format_html(
        '<span class="cymuned-trend cymuned-trend--{}"><span aria-hidden="true">{}</span> {}</span>',
        value,
        arrows[value],
        names[value],
    )


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
