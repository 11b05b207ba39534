from decimal import Decimal

from django import template

from cymuned.money import format_gbp

register = template.Library()


@register.filter
def gbp(value, pence: bool = False):
    """£1,234 (or £1,234.56 with pence)."""
    if value is None or value == "":
        return "–"
    return format_gbp(Decimal(value), pence=bool(pence))
