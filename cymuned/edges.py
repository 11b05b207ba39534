"""Reading what arrives in a query string or a form field, once, at the edge.

Every reader takes the text as sent (or None) and gives a typed value, or the default when the
text is missing or is not a usable value of that kind: a page shows its default rather than
failing. Numbers are finite and bounded (no `inf`, `nan`, `1e999999`, and no 30-digit amount that
would overflow the arithmetic behind it).
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from django.http import QueryDict

from .periods import FinancialYear, Quarter

T = TypeVar("T")

# Beyond this many digits before the point a number is no amount anyone means (and exact
# arithmetic at the default precision of 28 digits would overflow or lose pence).
MAX_INTEGER_DIGITS = 15
MAX_TEXT = 100  # a typed number or code is never longer than this


def _clean(text: object) -> str | None:
    if text is None:
        return None
    text = str(text).strip()
    if not text or len(text) > MAX_TEXT:
        return None
    return text


def finite_decimal(
    text: object,
    default: T = None,  # type: ignore[assignment]  # None unless the caller names a default
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
    places: int | None = None,
) -> Decimal | T:
    """'3000000', '0.5', '1,250.00' → Decimal; 'inf', 'nan', '1e999999', 'abc' → default.
    A value outside [minimum, maximum] is clamped into it; more places than `places` are rounded."""
    cleaned = _clean(text)
    if cleaned is None:
        return default
    try:
        value = Decimal(cleaned.replace(",", "").replace("£", ""))
    except InvalidOperation:
        return default
    if not value.is_finite() or (value and value.adjusted() >= MAX_INTEGER_DIGITS):
        return default
    if value and value.adjusted() < -MAX_INTEGER_DIGITS:
        value = Decimal(0)
    if minimum is not None and value < minimum:
        value = minimum
    if maximum is not None and value > maximum:
        value = maximum
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    return value


def whole_number(text: object, default: T = None, minimum: int | None = None, maximum: int | None = None) -> int | T:  # type: ignore[assignment]  # default None unless named
    """'3' → 3; '3.0' → 3; 'inf', '2.5', '1e99', 'abc' → default. Clamped into [minimum, maximum]."""
    value = finite_decimal(text)
    if value is None or value != value.to_integral_value():
        return default
    number = int(value)
    if minimum is not None:
        number = max(minimum, number)
    if maximum is not None:
        number = min(maximum, number)
    return number


def identifier(text: object, default: T = None) -> int | T:  # type: ignore[assignment]  # default None unless named
    """A database key as written in an address: '12' → 12; anything else (or out of range) → default."""
    cleaned = _clean(text)
    if cleaned is None or not cleaned.isascii() or not cleaned.isdigit() or len(cleaned) > 18:
        return default
    return int(cleaned)


def quarter(text: object, default: T = None) -> Quarter | T:  # type: ignore[assignment]  # default None unless named
    cleaned = _clean(text)
    try:
        return Quarter.parse(cleaned) if cleaned else default
    except ValueError:
        return default


def financial_year(text: object, default: T = None) -> FinancialYear | T:  # type: ignore[assignment]  # default None unless named
    cleaned = _clean(text)
    try:
        return FinancialYear.parse(cleaned) if cleaned else default
    except ValueError:
        return default


def iso_date(text: object, default: T = None) -> date | T:  # type: ignore[assignment]  # default None unless named
    """'2025-04-01' → date; anything else → default."""
    cleaned = _clean(text)
    if cleaned is None or len(cleaned) != 10:
        return default
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        return default


def choice(text: object, choices: Iterable[T], default: T) -> T:
    """One of a fixed set of values (an enum's members, or strings), matched on its text; anything
    else → default. `choice("blend", Basis, Basis.BLEND)` → Basis.BLEND."""
    cleaned = _clean(text)
    for option in choices:
        if cleaned == str(option):
            return option
    return default


def whole_numbers(text: object, limit: int = 100) -> list[int]:
    """'1,3,5' → [1, 3, 5]; the items that are not whole numbers are left out."""
    if text is None:
        return []
    found = []
    for item in str(text).split(",")[:limit]:
        number = identifier(item)
        if number is not None:
            found.append(number)
    return found


# Every character that starts a new line somewhere (e-mail headers, CSV, a page's title).
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def is_single_line(text: str) -> bool:
    return not any(ch in LINE_BREAKS for ch in text)


def validate_single_line(value: str) -> None:
    """A model field validator: a name is one line (it goes into e-mail subjects and titles)."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext_lazy

    if isinstance(value, str) and not is_single_line(value):
        raise ValidationError(gettext_lazy("Write this on one line."), code="single_line")


NUL, REPLACEMENT = "\x00", "\ufffd"


class NulFreeQueryMiddleware:
    """Replaces a NUL character in a query string's keys and values, and in a form's fields, by U+FFFD
    before any view reads them.

    PostgreSQL refuses NUL in text, so `?q=%00` handed to any filter, or a NUL in a form field a view
    looks up, was a server error there (SQLite accepted it). No stored value holds a NUL (Django's
    form fields refuse it, the importers refuse a file holding one, and so does the database), so the
    replaced text matches nothing, as the NUL would have, and each reader treats it as the unusable
    value it is: one place, rather than a check in every reader.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or NUL in query:
            request.GET = _nul_free(request.GET)
        if request.method == "POST" and request.content_type in FORMS and _holds_nul(request.POST):
            request.POST = _nul_free(request.POST)
        return self.get_response(request)


# Form bodies, whose fields Django parses into request.POST (the CSRF check reads them next in any
# case; an upload's files go to request.FILES as they would have, and are read by the importers).
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def _holds_nul(fields: QueryDict) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in fields.lists())


def _nul_free(fields: QueryDict) -> QueryDict:
    cleaned = QueryDict(mutable=True)
    for key, values in fields.lists():
        cleaned.setlist(key.replace(NUL, REPLACEMENT), [v.replace(NUL, REPLACEMENT) for v in values])
    cleaned._mutable = False
    return cleaned
