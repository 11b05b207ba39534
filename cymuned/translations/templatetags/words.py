"""Values as people read them, in the page's language: `{{ period|period_words }}` ("2024-25 Quarter 4",
"Chwarter 4 2024-25"), `{{ period|period_words:"full" }}` (with its months)."""

from django import template
from django.utils.translation import get_language, gettext

from cymuned import periods

register = template.Library()


@register.filter
def period_words(value, style: str = "") -> str:
    if value is None or value == "":
        return ""
    return periods.in_words(str(value), get_language() or "en", full=style == "full")


@register.filter
def period_months(value) -> str:
    """Only the months: "January to March 2025" / "Ionawr i Fawrth 2025"."""
    try:
        quarter = periods.Quarter.parse(str(value))
    except ValueError:
        return str(value)
    return periods.quarter_months(quarter, get_language() or "en")


def _lower_first(label: str) -> str:
    """ "Project code" → "project code"; "RAG" stays "RAG"."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


@register.simple_tag
def field_error(label, message) -> str:
    """An error message as the NHS.UK pattern asks: one that says what to do. A blank required field
    reads "Enter the project name" rather than "Project name: is required but blank"; any other fault
    is named with its field."""
    label, message = str(label or ""), str(message)
    if not label:
        return message
    if message == gettext("is required but blank"):
        return gettext("Enter the %(field)s") % {"field": _lower_first(label)}
    return f"{label[:1].upper()}{label[1:]}: {message}"
