"""Reading a project or a return from one row of values, shared by the importers and the forms, so a
return typed into the page is checked exactly as one in a spreadsheet is."""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from django.utils.translation import gettext as _

from cymuned.imports.fields import Problem, RowReader
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


def read_project(reader: RowReader) -> ProjectValues | None:
    code = (reader.text("code", max_length=40) or "").upper()
    if code and not CODE.fullmatch(code):
        reader.fault("code", _("use only letters, digits, “-”, “_” and “.” in a project code"))
    clusters_text = reader.text("clusters", max_length=200) or ""
    clusters = tuple(dict.fromkeys(c.strip().upper() for c in clusters_text.replace(",", ";").split(";") if c.strip()))
    if clusters_text and not clusters:
        reader.fault("clusters", _("name at least one cluster code, separated by ;"))
    start = reader.date("start_date")
    end = reader.date("end_date", required=False)
    if start and end and end < start:
        reader.fault(
            "end_date",
            _("%(end)s is before the start date %(start)s") % {"end": end, "start": start},
        )
    values = ProjectValues(
        code=code,
        name=reader.text("name", max_length=300, single_line=True) or "",
        clusters=clusters,
        theme=reader.text("theme", required=False, max_length=120) or "",
        priority_condition=reader.choice("priority_condition", CONDITIONS, required=False) or "",
        start_date=start or date.min,
        end_date=end,
        annual_budget_gbp=reader.money("annual_budget_gbp") or Decimal(0),
        lead=reader.text("lead", required=False, max_length=200) or "",
        provider=reader.text("provider", required=False, max_length=200) or "",
        exit_strategy=reader.text("exit_strategy", required=False, max_length=5000) or "",
        state=reader.choice("state", STATES, required=False) or "",
    )
    return values if reader.ok else None


@lru_cache(maxsize=256)
def period_text(text: str) -> str:
    """A period as written in a file, in its one spelling (a file holds only a few periods)."""
    return str(Quarter.parse(text))


def read_return(reader: RowReader) -> ReturnValues | None:
    period = reader.text("period", max_length=20) or ""
    if period:
        try:
            period = period_text(period)
        except ValueError:
            reader.fault("period", _("“%(value)s” is not a period like 2025-26-Q2") % {"value": period})
    budget = reader.money("budget_gbp", required=False)
    forecast = reader.money("forecast_spend_gbp", required=False)
    if (budget is None) != (forecast is None):
        missing = "forecast_spend_gbp" if forecast is None else "budget_gbp"
        reader.fault(missing, _("give both the budget and the forecast spend, or neither"))
    override = reader.choice("rag_override", OVERRIDES, required=False) or ""
    reason = reader.text("override_reason", required=False, max_length=2000) or ""
    if override and not reason:
        reader.fault("override_reason", _("an override needs a reason"))
    values = ReturnValues(
        project_code=(reader.text("project_code", max_length=40) or "").upper(),
        period=period,
        target_attainment_pct=reader.decimal(
            "target_attainment_pct",
            required=False,
            minimum=Decimal(0),
            maximum=Decimal(99999),
            places=2,
        ),
        budget_gbp=budget,
        forecast_spend_gbp=forecast,
        milestone_delay_weeks=reader.decimal(
            "milestone_delay_weeks",
            required=False,
            minimum=Decimal(0),
            maximum=Decimal(520),
            places=2,
        ),
        quality=reader.choice("quality", QUALITY, required=False) or "",
        resources=reader.choice("resources", RESOURCES, required=False) or "",
        stakeholders=reader.choice("stakeholders", STAKEHOLDERS, required=False) or "",
        narrative=reader.text("narrative", required=False, max_length=10000) or "",
        rag_override=override,
        override_reason=reason,
    )
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
