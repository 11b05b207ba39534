"""Money as people type it in Excel, read exactly as Decimal pounds."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PENNY = Decimal("0.01")
# Pounds with more digits than this are no budget anyone means (and would overflow exact
# arithmetic to the penny at the default precision of 28 digits).
MAX_DIGITS = 15


class TooLarge(ValueError):
    """An amount with more than MAX_DIGITS digits of pounds."""


_TYPED = re.compile(r"^(?P<sign>[-−]?)\s*£?\s*(?P<number>\d{1,3}(,\d{3})+|\d*)(?P<fraction>\.\d*)?$")


def parse_money(text: str | int | float | Decimal) -> Decimal:
    """'£20,000.50', '20000.5', '-£5', '(£5.00)' → Decimal to the penny; anything else is refused.

    Spreadsheet cells may arrive as numbers; floats are converted through their shortest repr so
    that 0.1 stays 0.1. More than two decimal places is refused rather than silently rounded.
    """
    if isinstance(text, bool):
        raise ValueError("a true/false value is not an amount of money")
    if isinstance(text, int | Decimal):
        value = Decimal(text)
    elif isinstance(text, float):
        value = Decimal(repr(text))
    else:
        cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
        negative = cleaned.startswith("(") and cleaned.endswith(")")
        if negative:
            cleaned = cleaned[1:-1]
        match = _TYPED.match(cleaned)
        if not match or not (match["number"] or match["fraction"] not in (None, ".")):
            raise ValueError(f"{text!r} is not an amount of money like £20,000.50")
        try:
            value = Decimal(match["number"].replace(",", "") + (match["fraction"] or "") or "0")
        except InvalidOperation as error:
            raise ValueError(f"{text!r} is not an amount of money like £20,000.50") from error
        if match["sign"] or negative:
            value = -value
    if not value.is_finite():
        raise ValueError(f"{text!r} is not an amount of money")
    if value and value.adjusted() >= MAX_DIGITS:
        raise TooLarge(f"{text!r} is larger than any amount of money Cymuned holds")
    if value != value.quantize(PENNY, rounding=ROUND_HALF_UP):
        raise ValueError(f"{text!r} has more than two decimal places")
    return value.quantize(PENNY)


def format_gbp(value: Decimal, pence: bool = False) -> str:
    """£1,234 or £1,234.56; negative as −£1,234."""
    quantum = PENNY if pence else Decimal(1)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{abs(rounded):,}"
    return f"{'−' if rounded < 0 else ''}£{text}"
