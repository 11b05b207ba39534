"""Reading typed values out of one row, collecting every fault instead of stopping at the first."""

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cymuned.edges import is_single_line
from cymuned.money import TooLarge, parse_money

from .tabular import MAX_CELL_CHARS, Row

T = TypeVar("T")
# A number with more digits than this before the point is refused as implausible; exact
# arithmetic at the default precision (28 digits) would otherwise overflow.
MAX_DIGITS = 15


@dataclass(frozen=True)
class Problem:
    line: int | None
    column: str | None
    message: str

    def describe(self, filename: str) -> str:
        where = [filename]
        if self.line is not None:
            where.append(_("line %(line)s") % {"line": self.line})
        if self.column:
            where.append(_("column “%(column)s”") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}"


class RowReader:
    """Typed access to one row; a bad cell records a Problem and yields None."""

    def __init__(self, row: Row, problems: list[Problem]):
        self.row = row
        self.problems = problems
        self._failed = False
        if "__extra__" in row.values:
            self.fault(None, _("has more cells than the header has columns"))

    @property
    def ok(self) -> bool:
        return not self._failed

    def fault(self, column: str | None, message: str) -> None:
        self._failed = True
        self.problems.append(Problem(self.row.line, column, message))

    def raw(self, column: str) -> Any:
        value = self.row.values.get(column)
        if isinstance(value, str) and value == "":
            return None
        return value

    def _present(self, column: str, required: bool) -> Any:
        value = self.raw(column)
        if value is None and required:
            self.fault(column, _("is required but blank"))
        return value

    def text(self, column: str, required: bool = True, max_length: int = 200, single_line: bool = False) -> str | None:
        value = self._present(column, required)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        if len(text) > min(max_length, MAX_CELL_CHARS):
            self.fault(
                column,
                ngettext("is longer than %(n)s character", "is longer than %(n)s characters", max_length)
                % {"n": max_length},
            )
            return None
        if single_line and not is_single_line(text):
            self.fault(column, _("must be on one line"))
            return None
        return text

    def integer(
        self,
        column: str,
        required: bool = True,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int | None:
        value = self._present(column, required)
        if value is None:
            return None
        try:
            if isinstance(value, bool):
                raise ValueError
            number = Decimal(str(value).replace(",", "").strip())
            if not number.is_finite() or number != number.to_integral_value():
                raise ValueError
            if number and number.adjusted() >= MAX_DIGITS:
                self.fault(column, _("is implausibly large"))
                return None
            result = int(number)
        except (ValueError, InvalidOperation):
            self.fault(column, _("“%(value)s” is not a whole number") % {"value": _shorten(value)})
            return None
        return self._in_range(column, result, minimum, maximum)

    def decimal(
        self,
        column: str,
        required: bool = True,
        minimum: Decimal | None = None,
        maximum: Decimal | None = None,
        places: int | None = None,
        pounds: bool = False,
    ) -> Decimal | None:
        """A number; `pounds`: written as people write money too (£1,200.50)."""
        value = self._present(column, required)
        if value is None:
            return None
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            text = repr(value) if isinstance(value, float) else str(value)
            text = text.replace(",", "").replace("%", "")
            result = Decimal((text.replace("£", "") if pounds else text).strip())
            if not result.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            # said as what to do, as the NHS.UK error pattern asks: the forms and the files share this reader
            self.fault(column, _("Enter a number, not “%(value)s”") % {"value": _shorten(value)})
            return None
        if result and result.adjusted() >= MAX_DIGITS:
            self.fault(column, _("is implausibly large"))
            return None
        if places is not None and result != round(result, places):
            self.fault(column, _("use at most %(places)s decimal places") % {"places": places})
            return None
        return self._in_range(column, result, minimum, maximum)

    def money(self, column: str, required: bool = True, allow_negative: bool = False) -> Decimal | None:
        value = self._present(column, required)
        if value is None:
            return None
        try:
            result = parse_money(value)
        except TooLarge:
            self.fault(column, _("is implausibly large"))
            return None
        except ValueError:
            self.fault(
                column,
                _("“%(value)s” is not an amount of money like 20000.50 or £20,000.50") % {"value": _shorten(value)},
            )
            return None
        if result < 0 and not allow_negative:
            self.fault(column, _("may not be negative"))
            return None
        if abs(result) >= Decimal("1e12"):
            self.fault(column, _("is implausibly large"))
            return None
        return result

    def date(self, column: str, required: bool = True) -> dt.date | None:
        value = self._present(column, required)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        try:
            if len(text) != 10:
                raise ValueError(text)
            return dt.date.fromisoformat(text)
        except ValueError:
            self.fault(column, _("“%(value)s” is not a date like 2025-04-01") % {"value": _shorten(value)})
            return None

    def choice(self, column: str, choices: Mapping[str, T], required: bool = True) -> T | None:
        value = self._present(column, required)
        if value is None:
            return None
        key = str(value).strip().lower().replace(" ", "_")
        if key not in choices:
            allowed = ", ".join(sorted(k for k in choices if k))
            self.fault(
                column,
                _("“%(value)s” is not one of: %(allowed)s") % {"value": _shorten(value), "allowed": allowed},
            )
            return None
        return choices[key]

    def _in_range(self, column: str, value, minimum, maximum):
        if minimum is not None and value < minimum:
            self.fault(
                column,
                _("%(value)s is less than %(minimum)s") % {"value": value, "minimum": minimum},
            )
            return None
        if maximum is not None and value > maximum:
            self.fault(
                column,
                _("%(value)s is more than %(maximum)s") % {"value": value, "maximum": maximum},
            )
            return None
        return value


def _shorten(value: Any, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- field readers -------------------------------------------------------------------------------
# One reader per kind of cell, called as `read(reader, column, required)`. Importers declare their
# columns with them and the page forms read what people type with the same ones, so a value is
# checked the same way whichever way it arrives.


@dataclass(frozen=True)
class Text:
    max_length: int = 200
    single_line: bool = False

    def __call__(self, reader: RowReader, column: str, required: bool) -> str:
        return reader.text(column, required=required, max_length=self.max_length, single_line=self.single_line) or ""


@dataclass(frozen=True)
class Code:
    """A code, in capitals; optionally of a given shape (`message` names the shape when it is not)."""

    max_length: int = 40
    pattern: re.Pattern[str] | None = None
    message: Any = None
    single_line: bool = False

    def __call__(self, reader: RowReader, column: str, required: bool) -> str:
        text = reader.text(column, required=required, max_length=self.max_length, single_line=self.single_line)
        code = (text or "").upper()
        if code and self.pattern is not None and not self.pattern.fullmatch(code):
            reader.fault(column, str(self.message) % {"code": _shorten(code)})
        return code


@dataclass(frozen=True)
class Codes:
    """Codes in one cell, separated by `;` (or `,`), in capitals, each once."""

    max_length: int = 200
    message: Any = None  # when the cell holds separators only

    def __call__(self, reader: RowReader, column: str, required: bool) -> tuple[str, ...]:
        text = reader.text(column, required=required, max_length=self.max_length) or ""
        codes = tuple(dict.fromkeys(c.strip().upper() for c in text.replace(",", ";").split(";") if c.strip()))
        if text and not codes:
            reader.fault(column, str(self.message or _("name at least one code, separated by ;")))
        return codes


@dataclass(frozen=True)
class Integer:
    minimum: int | None = None
    maximum: int | None = None

    def __call__(self, reader: RowReader, column: str, required: bool) -> int | None:
        return reader.integer(column, required=required, minimum=self.minimum, maximum=self.maximum)


@dataclass(frozen=True)
class Number:
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    places: int | None = None
    pounds: bool = False

    def __call__(self, reader: RowReader, column: str, required: bool) -> Decimal | None:
        return reader.decimal(
            column,
            required=required,
            minimum=self.minimum,
            maximum=self.maximum,
            places=self.places,
            pounds=self.pounds,
        )


@dataclass(frozen=True)
class Money:
    allow_negative: bool = False

    def __call__(self, reader: RowReader, column: str, required: bool) -> Decimal | None:
        return reader.money(column, required=required, allow_negative=self.allow_negative)


@dataclass(frozen=True)
class Date:
    def __call__(self, reader: RowReader, column: str, required: bool) -> dt.date | None:
        return reader.date(column, required=required)


@dataclass(frozen=True)
class Choice:
    choices: Mapping[str, Any]
    blank: Any = None  # the value of a blank cell

    def __call__(self, reader: RowReader, column: str, required: bool) -> Any:
        found = reader.choice(column, self.choices, required=required)
        return self.blank if found is None and reader.raw(column) is None else found


# Yes or no, as every importer reads it (a `synthetic` column, `recurrent`, `consensus`, …).
YES_NO = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False, "false": False, "0": False}


@dataclass(frozen=True)
class Parsed:
    """Text turned into a value by `parse` (which raises ValueError for what it refuses), kept in
    its one spelling: `str(parse(text))`. `message` says what was expected, with %(value)s."""

    parse: Callable[[str], Any]
    message: Any
    max_length: int = 20

    def __call__(self, reader: RowReader, column: str, required: bool) -> str:
        text = reader.text(column, required=required, max_length=self.max_length) or ""
        if not text:
            return ""
        try:
            return str(self.parse(text))
        except ValueError:
            reader.fault(column, str(self.message) % {"value": _shorten(text)})
            return text


FieldReader = Callable[[RowReader, str, bool], Any]


@dataclass(frozen=True)
class Column:
    """One column of a file: its name, how its cells are read, whether the header must have it
    (`required`), whether its cells may be blank (`blank`; always so for a column not required), and
    the other spellings of its header that are accepted (normalised: "lsoa11cd")."""

    name: str
    read: FieldReader
    required: bool = True
    aliases: tuple[str, ...] = ()
    blank: bool = False


def read_columns(reader: RowReader, columns: Sequence[Column]) -> dict[str, Any]:
    """Every declared column of one row, read by its reader (a cell that is wrong reads as None
    and is recorded in the reader's problems)."""
    values: dict[str, Any] = {}
    for column in columns:
        before = len(reader.problems)
        value = column.read(reader, column.name, column.required and not column.blank)
        faulty = any(p.column == column.name for p in reader.problems[before:])
        values[column.name] = None if faulty else value
    return values
