"""`cymuned import practices PATH`: GP practices, their cluster and their registered list size."""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cymuned.accounts.access import parents_now, seen_units
from cymuned.imports.base import Claim, Importer, Outcome
from cymuned.imports.fields import Problem, RowReader
from cymuned.orgs.models import Kind, ListSize, Membership, OrgUnit

ODS_PRACTICE = re.compile(r"^[A-Z]\d{5}$")
YES_NO = {
    "yes": True,
    "y": True,
    "true": True,
    "1": True,
    "no": False,
    "n": False,
    "false": False,
    "0": False,
}


@dataclass(frozen=True)
class PracticeRow:
    ods_code: str
    name: str
    cluster: str
    list_size: int
    list_size_date: date
    cluster_from: date | None
    neighbourhood: str | None
    neighbourhood_from: date | None
    synthetic: bool


class PracticeImporter(Importer):
    kind = "practices"
    label = gettext_lazy("GP practices")
    required = ("ods_code", "name", "cluster", "list_size", "list_size_date")
    optional = ("cluster_from", "neighbourhood", "neighbourhood_from", "synthetic")
    example = (
        {
            "ods_code": "W00001",
            "name": "Example Surgery",
            "cluster": "AG",
            "list_size": 8123,
            "list_size_date": "2025-01-01",
            "cluster_from": "",
            "neighbourhood": "IN-TT",
            "neighbourhood_from": "2027-04-01",
            "synthetic": "no",
        },
    )

    def parse_row(self, reader: RowReader) -> PracticeRow | None:
        code = (reader.text("ods_code", max_length=10) or "").upper()
        if code and not ODS_PRACTICE.match(code):
            reader.fault("ods_code", _("“%(code)s” is not a practice ODS code like W12345") % {"code": code})
        neighbourhood = reader.text("neighbourhood", required=False, max_length=32)
        neighbourhood_from = reader.date("neighbourhood_from", required=False)
        if neighbourhood and not neighbourhood_from:
            reader.fault("neighbourhood_from", _("is required when a neighbourhood is given"))
        synthetic = reader.choice("synthetic", YES_NO, required=False)
        row = PracticeRow(
            ods_code=code,
            name=reader.text("name", single_line=True) or "",
            cluster=(reader.text("cluster", max_length=32) or "").upper(),
            list_size=reader.integer("list_size", minimum=0, maximum=200_000) or 0,
            list_size_date=reader.date("list_size_date") or date.min,
            cluster_from=reader.date("cluster_from", required=False),
            neighbourhood=neighbourhood.upper() if neighbourhood else None,
            neighbourhood_from=neighbourhood_from,
            synthetic=bool(synthetic),
        )
        return row if reader.ok else None

    def check_all(self, parsed, problems):
        seen: dict[tuple[str, date], int] = {}
        for line, row in parsed:
            key = (row.ods_code, row.list_size_date)
            if key in seen:
                problems.append(
                    Problem(
                        line,
                        "ods_code",
                        _("%(code)s already appears on line %(other)s for the same date")
                        % {"code": row.ods_code, "other": seen[key]},
                    )
                )
            seen.setdefault(key, line)
        # a unit the person may not see reads exactly like an unknown code
        self._units = {
            u.code: u
            for u in seen_units(
                self.user,
                OrgUnit.objects.filter(
                    code__in={r.cluster for _, r in parsed} | {r.neighbourhood for _, r in parsed if r.neighbourhood}
                ),
            )
        }
        for line, row in parsed:
            cluster = self._units.get(row.cluster)
            if cluster is None or cluster.kind != Kind.CLUSTER:
                problems.append(
                    Problem(
                        line,
                        "cluster",
                        _("“%(code)s” is not a known cluster code") % {"code": row.cluster},
                    )
                )
            if row.neighbourhood:
                unit = self._units.get(row.neighbourhood)
                if unit is None or unit.kind != Kind.NEIGHBOURHOOD:
                    problems.append(
                        Problem(
                            line,
                            "neighbourhood",
                            _("“%(code)s” is not a known neighbourhood code") % {"code": row.neighbourhood},
                        )
                    )
        clashes = OrgUnit.objects.filter(code__in={r.ods_code for _, r in parsed}).exclude(kind=Kind.PRACTICE)
        clash_codes = set(clashes.values_list("code", flat=True))
        for line, row in parsed:
            if row.ods_code in clash_codes:
                problems.append(
                    Problem(
                        line,
                        "ods_code",
                        _("%(code)s is already used by a unit that is not a practice") % {"code": row.ods_code},
                    )
                )

    def claims(self, parsed):
        """A practice belongs to its cluster and neighbourhood: an existing one needs its editors as it
        is now, and every row the editors of the units it names."""
        existing = {
            p.code: p for p in OrgUnit.objects.filter(kind=Kind.PRACTICE, code__in={r.ods_code for _, r in parsed})
        }
        for line, row in parsed:
            practice = existing.get(row.ods_code)
            then = [self._units[row.cluster]]
            if row.neighbourhood:
                then.append(self._units[row.neighbourhood])
            yield Claim(line, tuple(parents_now(practice)) if practice else (), tuple(then))

    def write(self, parsed) -> Outcome:
        outcome = Outcome()
        for _line, row in parsed:
            changed = False
            practice = OrgUnit.objects.filter(code=row.ods_code).first()
            if practice is None:
                practice = OrgUnit.objects.create(
                    code=row.ods_code, kind=Kind.PRACTICE, name_en=row.name, synthetic=row.synthetic
                )
                created = True
            else:
                created = False
                if practice.name_en != row.name or practice.synthetic != row.synthetic:
                    practice.name_en, practice.synthetic = row.name, row.synthetic
                    practice.save()
                    changed = True
            changed |= _link(
                practice,
                self._units[row.cluster],
                row.cluster_from or (None if created else row.list_size_date),
            )
            if row.neighbourhood:
                changed |= _link(practice, self._units[row.neighbourhood], row.neighbourhood_from)
            size, size_created = ListSize.objects.get_or_create(
                practice=practice, as_of=row.list_size_date, defaults={"patients": row.list_size}
            )
            if not size_created and size.patients != row.list_size:
                size.patients = row.list_size
                size.save()
                changed = True
            changed |= size_created
            if created:
                outcome.created += 1
            elif changed:
                outcome.updated += 1
            else:
                outcome.unchanged += 1
        return outcome


def _link(child: OrgUnit, parent: OrgUnit, start: date | None) -> bool:
    """Make `parent` the child's open parent of that kind from `start`; True if anything changed."""
    open_links = Membership.objects.filter(child=child, parent__kind=parent.kind, valid_to__isnull=True)
    current = open_links.first()
    if current and current.parent_id == parent.pk:
        return False
    if current:
        if start is None or (current.valid_from and start <= current.valid_from):
            raise ValueError(f"{child.code} moves to {parent.code} but the move has no date after {current.valid_from}")
        current.valid_to = start
        current.save()
    Membership.objects.create(child=child, parent=parent, valid_from=start)
    return True
