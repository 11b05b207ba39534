"""`cymuned import risks PATH`: a Datix risk register export (CSV or XLSX).

Headers are matched ignoring case, spaces and punctuation, so Datix's own "Likelihood (current)"
is `likelihood_current`; "Handler" or "Owner", "Directorate" or "Unit". The unit is Datix's
directorate or unit, mapped to a unit of the organisation through the Datix units table (Admin →
Risks → Datix units); a cell that already holds a unit code maps to it directly. A rating that is
not likelihood × consequence is refused by row.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cymuned.accounts.access import seen_units
from cymuned.imports.base import Claim, Importer, Reference
from cymuned.imports.fields import Choice, Code, Column, Integer, RowReader, Text
from cymuned.imports.upsert import Upsert
from cymuned.orgs.models import OrgUnit
from cymuned.portfolio.importers import projects

from .bands import score
from .models import DatixUnit, Risk, Status, datix_key

# Datix's statuses, as registers spell them, to ours.
STATUSES = {
    "open": Status.OPEN,
    "awaiting_review": Status.OPEN,
    "under_review": Status.OPEN,
    "being_reviewed": Status.OPEN,
    "final_approval": Status.OPEN,
    "active": Status.OPEN,
    "closed": Status.CLOSED,
    "rejected": Status.CLOSED,
}
LEVEL = Integer(minimum=1, maximum=5)


@dataclass(frozen=True)
class DayFirstDate:
    """ISO dates, and the day-first dates Datix exports (23/11/2026)."""

    def __call__(self, reader: RowReader, column: str, required: bool) -> dt.date | None:
        value = reader.raw(column)
        if isinstance(value, str) and "/" in value:
            try:
                return dt.datetime.strptime(value.strip(), "%d/%m/%Y").date()
            except ValueError:
                reader.fault(
                    column, _("“%(value)s” is not a date like 2025-04-01 or 01/04/2025") % {"value": value[:40]}
                )
                return None
        return reader.date(column, required=required)


@dataclass(frozen=True)
class MayBeBlank:
    """A column every export has whose cells may be blank (Datix's handler)."""

    read: Text

    def __call__(self, reader: RowReader, column: str, required: bool) -> str:
        return self.read(reader, column, False)


def load_units(user, names: set) -> dict:
    """Each unit cell as a unit: a unit code the person may see, or a Datix name of the mapping table
    (case and spacing ignored) whose unit they may see."""
    by_code = {u.code: u for u in seen_units(user, OrgUnit.objects.filter(code__in={n.upper() for n in names}))}
    mapped = {datix_key(m.datix_name): m.unit_id for m in DatixUnit.objects.all()}
    wanted = {mapped[datix_key(n)] for n in names if datix_key(n) in mapped}
    by_pk = {u.pk: u for u in seen_units(user, OrgUnit.objects.filter(pk__in=wanted))}
    found = {}
    for name in names:
        unit = by_code.get(name.upper()) or by_pk.get(mapped.get(datix_key(name), 0))
        if unit is not None:
            found[name] = unit
    return found


class RiskImporter(Importer):
    kind = "risks"
    label = gettext_lazy("Risk register (Datix export)")
    columns = (
        Column("id", Text(max_length=20, single_line=True), aliases=("reference", "datix_id")),
        Column("title", Text(max_length=300, single_line=True)),
        Column("description", Text(max_length=5000), required=False),
        Column("owner", MayBeBlank(Text(max_length=200, single_line=True)), aliases=("handler",)),
        Column("unit", Text(max_length=200, single_line=True), aliases=("directorate",)),
        Column("opened_date", DayFirstDate(), required=False),
        Column("likelihood_current", LEVEL),
        Column("consequence_current", LEVEL),
        Column("rating_current", Integer(minimum=1, maximum=25), required=False),
        Column("likelihood_target", LEVEL),
        Column("consequence_target", LEVEL),
        Column("review_date", DayFirstDate(), required=False),
        Column("status", Choice(STATUSES)),
        Column("project_code", Code(max_length=40), required=False),
        Column("controls", Text(max_length=5000), required=False),
    )
    key = ("id",)
    references = (
        Reference(
            "unit",
            load_units,
            gettext_lazy(
                "“%(code)s” is neither a unit code nor a Datix unit of the mapping table (Admin → Risks → Datix units)"
            ),
        ),
        projects(),
    )
    upsert = Upsert(
        Risk,
        key=("reference",),
        fields=(
            "title",
            "description",
            "owner",
            "unit",
            "project",
            "opened",
            "likelihood",
            "consequence",
            "target_likelihood",
            "target_consequence",
            "review_date",
            "status",
            "controls",
            "scores_assumed",
        ),
    )
    example = (
        {
            "id": "1937",
            "title": "Risk of Enforcement Notice being served by Mid and West Wales Fire and Rescue Authority",
            "description": "",
            "owner": "Head of Primary Care",
            "unit": "7A2",
            "opened_date": "01/04/2024",
            "likelihood_current": 2,
            "consequence_current": 4,
            "rating_current": 8,
            "likelihood_target": 1,
            "consequence_target": 4,
            "review_date": "2026-12-31",
            "status": "Open",
            "project_code": "",
            "controls": "",
        },
    )

    def rules(self, row, reader):
        l, c, rating = row.likelihood_current, row.consequence_current, row.rating_current  # noqa: E741
        if None not in (l, c, rating) and rating != score(l, c):
            reader.fault(
                "rating_current",
                _("the rating %(rating)s is not likelihood %(l)s × consequence %(c)s = %(score)s")
                % {"rating": rating, "l": l, "c": c, "score": score(l, c)},
            )

    def claims(self, parsed):
        """A risk belongs to its unit: changing one needs its unit as it is and as the row makes it."""
        before = {
            r.reference: r.unit
            for r in Risk.objects.filter(reference__in=[row.id for _, row in parsed]).select_related("unit")
        }
        for line, row in parsed:
            now = (before[row.id],) if row.id in before else ()
            yield Claim(line, now, (self.resolved("unit", row),))

    def values(self, row):
        return {
            "reference": row.id,
            "title": row.title,
            "description": row.description,
            "owner": row.owner,
            "unit": self.resolved("unit", row),
            "project": self.resolved("project_code", row),
            "opened": row.opened_date,
            "likelihood": row.likelihood_current,
            "consequence": row.consequence_current,
            "target_likelihood": row.likelihood_target,
            "target_consequence": row.consequence_target,
            "review_date": row.review_date,
            "status": row.status,
            "controls": row.controls,
            "scores_assumed": False,  # an export gives the real likelihood and consequence
        }
