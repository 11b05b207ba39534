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


@register.filter
def gbp_signed(value, pence: bool = False):
    """A difference with its sign, never in brackets (finance staff read brackets as negative):
    +£1,234.56, −£1,234.56, £0.00."""
    if value is None or value == "":
        return "–"
    amount = Decimal(value)
    shown = format_gbp(abs(amount), pence=bool(pence))
    return f"+{shown}" if amount > 0 else f"\u2212{shown}" if amount < 0 else shown
