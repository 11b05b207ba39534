"""Reading a project or a return from one row of values, shared by the importers and the forms, so a
return typed into the page is checked exactly as one in a spreadsheet is."""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cymuned.imports.fields import (
    Choice,
    Code,
    Codes,
    Column,
    Date,
    Money,
    Number,
    Parsed,
    Problem,
    RowReader,
    Text,
    read_columns,
)
from cymuned.imports.tabular import Row
from cymuned.periods import Quarter

from .models import PriorityCondition, Quality, RagChoice, Resources, Stakeholders, State

CONDITIONS = {"": "", "none": "", **{c.value: c.value for c in PriorityCondition if c.value}}
STATES = {s.value: s.value for s in State}
QUALITY = {q.value: q.value for q in Quality}
RESOURCES = {r.value: r.value for r in Resources}
STAKEHOLDERS = {s.value: s.value for s in Stakeholders}
OVERRIDES = {r.value: r.value for r in RagChoice}
CODE = re.compile(r"[A-Z0-9][A-Z0-9._-]*")  # a project code is part of its page's address


@dataclass(frozen=True, slots=True)
class ProjectValues:
    code: str
    name: str
    clusters: tuple[str, ...]
    theme: str
    priority_condition: str
    start_date: date
    end_date: date | None
    annual_budget_gbp: Decimal
    lead: str = ""
    provider: str = ""
    exit_strategy: str = ""
    state: str = ""


@dataclass(frozen=True, slots=True)
class ReturnValues:
    project_code: str
    period: str
    target_attainment_pct: Decimal | None
    budget_gbp: Decimal | None
    forecast_spend_gbp: Decimal | None
    milestone_delay_weeks: Decimal | None
    quality: str
    resources: str
    stakeholders: str
    narrative: str
    rag_override: str
    override_reason: str


PROJECT_COLUMNS = (
    Column(
        "code",
        Code(
            max_length=40, pattern=CODE, message=_lazy("use only letters, digits, “-”, “_” and “.” in a project code")
        ),
    ),
    Column("name", Text(max_length=300, single_line=True)),
    Column("clusters", Codes(max_length=200, message=_lazy("name at least one cluster code, separated by ;"))),
    Column("theme", Text(max_length=120), blank=True),
    Column("priority_condition", Choice(CONDITIONS, blank=""), blank=True),
    Column("start_date", Date()),
    Column("end_date", Date(), blank=True),
    Column("annual_budget_gbp", Money()),
    Column("lead", Text(max_length=200), required=False),
    Column("provider", Text(max_length=200), required=False),
    Column("exit_strategy", Text(max_length=5000), required=False),
    Column("state", Choice(STATES, blank=""), required=False),
)


def project_rules(row: ProjectValues, reader: RowReader) -> None:
    if row.start_date and row.end_date and row.end_date < row.start_date:
        reader.fault(
            "end_date",
            _("%(end)s is before the start date %(start)s") % {"end": row.end_date, "start": row.start_date},
        )


def read_project(reader: RowReader) -> ProjectValues | None:
    values = ProjectValues(**read_columns(reader, PROJECT_COLUMNS))
    project_rules(values, reader)
    return values if reader.ok else None


@lru_cache(maxsize=256)
def period_text(text: str) -> str:
    """A period as written in a file, in its one spelling (a file holds only a few periods)."""
    return str(Quarter.parse(text))


RETURN_COLUMNS = (
    Column("project_code", Code(max_length=40)),
    Column("period", Parsed(period_text, _lazy("“%(value)s” is not a period like 2025-26-Q2"), max_length=20)),
    Column("target_attainment_pct", Number(minimum=Decimal(0), maximum=Decimal(99999), places=2), blank=True),
    Column("budget_gbp", Money(), blank=True),
    Column("forecast_spend_gbp", Money(), blank=True),
    Column("milestone_delay_weeks", Number(minimum=Decimal(0), maximum=Decimal(520), places=2), blank=True),
    Column("quality", Choice(QUALITY, blank=""), blank=True),
    Column("resources", Choice(RESOURCES, blank=""), blank=True),
    Column("stakeholders", Choice(STAKEHOLDERS, blank=""), blank=True),
    Column("narrative", Text(max_length=10000), blank=True),
    Column("rag_override", Choice(OVERRIDES, blank=""), blank=True),
    Column("override_reason", Text(max_length=2000), blank=True),
)


def return_rules(row: ReturnValues, reader: RowReader) -> None:
    budget, forecast = reader.raw("budget_gbp"), reader.raw("forecast_spend_gbp")
    if (budget is None) != (forecast is None):
        missing = "forecast_spend_gbp" if forecast is None else "budget_gbp"
        reader.fault(missing, _("give both the budget and the forecast spend, or neither"))
    if row.rag_override and not row.override_reason:
        reader.fault("override_reason", _("an override needs a reason"))


def read_return(reader: RowReader) -> ReturnValues | None:
    values = ReturnValues(**read_columns(reader, RETURN_COLUMNS))
    return_rules(values, reader)
    return values if reader.ok else None


def check(
    read: Callable[[RowReader], object], values: Mapping[str, object]
) -> tuple[object | None, dict[str, list[str]]]:
    """Read one set of values typed into a form exactly as a spreadsheet row is read: the parsed
    values (None if anything is wrong) and the faults by column."""
    found: list[Problem] = []
    parsed = read(RowReader(Row(0, {k: "" if v is None else v for k, v in values.items()}), found))
    problems: dict[str, list[str]] = {}
    order = {name: i for i, name in enumerate(values)}  # faults in the order the form asks
    for problem in sorted(found, key=lambda p: order.get(p.column or "", -1)):
        problems.setdefault(problem.column or "", []).append(problem.message)
    return parsed, problems
