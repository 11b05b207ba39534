"""`cymuned import practices PATH`: GP practices, their cluster and their registered list size."""

import re
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cymuned.accounts.access import parents_now
from cymuned.imports.base import Claim, Importer, Outcome
from cymuned.imports.fields import YES_NO, Choice, Code, Column, Date, Integer, Problem, RowReader, Text
from cymuned.imports.references import clusters, units
from cymuned.imports.upsert import CREATED, UNCHANGED, Upsert, plan, save
from cymuned.orgs.models import Kind, ListSize, Membership, OrgUnit

ODS_PRACTICE = re.compile(r"[A-Z]\d{5}")
LIST_SIZES = Upsert(ListSize, key=("practice", "as_of"), fields=("patients",))


class PracticeImporter(Importer):
    kind = "practices"
    label = gettext_lazy("GP practices")
    columns = (
        Column(
            "ods_code",
            Code(
                max_length=10,
                pattern=ODS_PRACTICE,
                message=gettext_lazy("“%(code)s” is not a practice ODS code like W12345"),
            ),
        ),
        Column("name", Text(single_line=True)),
        Column("cluster", Code(max_length=32)),
        Column("list_size", Integer(minimum=0, maximum=200_000)),
        Column("list_size_date", Date()),
        Column("cluster_from", Date(), required=False),
        Column("neighbourhood", Code(max_length=32), required=False),
        Column("neighbourhood_from", Date(), required=False),
        Column("synthetic", Choice(YES_NO, blank=False), required=False),
    )
    key = ("ods_code", "list_size_date")
    references = (
        clusters(),
        units("neighbourhood", Kind.NEIGHBOURHOOD, gettext_lazy("“%(code)s” is not a known neighbourhood code")),
    )
    # a practice is matched by its code; its links and list sizes are written beside it
    upsert = Upsert(OrgUnit, key=("code",), fields=("name_en", "synthetic"))
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

    def rules(self, row, reader: RowReader) -> None:
        if row.neighbourhood and not row.neighbourhood_from and reader.raw("neighbourhood_from") is None:
            reader.fault("neighbourhood_from", _("is required when a neighbourhood is given"))

    def parents(self, row) -> list[tuple[OrgUnit, str]]:
        """The units a row puts its practice in, each with the column giving the date it does so."""
        found = [(self.resolved("cluster", row), "cluster_from")]
        if row.neighbourhood:
            found.append((self.resolved("neighbourhood", row), "neighbourhood_from"))
        return found

    @staticmethod
    def start(row, column: str, created: bool) -> date | None:
        if column == "neighbourhood_from":
            return row.neighbourhood_from
        return row.cluster_from or (None if created else row.list_size_date)

    def check(self, parsed, problems):
        codes = {row.ods_code for _, row in parsed}
        units = OrgUnit.objects.filter(code__in=codes)
        self._existing = {u.code: u for u in units if u.kind == Kind.PRACTICE}
        for line, row in parsed:
            if row.ods_code in {u.code for u in units if u.kind != Kind.PRACTICE}:
                problems.append(
                    Problem(
                        line,
                        "ods_code",
                        _("%(code)s is already used by a unit that is not a practice") % {"code": row.ods_code},
                    )
                )
        # a move needs a date after the practice joined its present unit of that kind (rows in order)
        links = Membership.objects.filter(child__in=self._existing.values(), valid_to__isnull=True)
        current = {
            (link.child.code, link.parent.kind): (link.parent.code, link.valid_from)
            for link in links.select_related("child", "parent")
        }
        known = set(self._existing)
        for line, row in parsed:
            created = row.ods_code not in known
            known.add(row.ods_code)
            for parent, column in self.parents(row):
                start = self.start(row, column, created)
                now = current.get((row.ods_code, parent.kind))
                if now is not None and now[0] != parent.code and (start is None or (now[1] and start <= now[1])):
                    problems.append(
                        Problem(
                            line,
                            column,
                            _("%(code)s is in %(unit)s from %(date)s; give the date it moves to %(new)s, after that")
                            % {"code": row.ods_code, "unit": now[0], "date": now[1], "new": parent.code},
                        )
                    )
                else:
                    current[(row.ods_code, parent.kind)] = (parent.code, start)

    def claims(self, parsed):
        """A practice belongs to its cluster and neighbourhood: an existing one needs its editors as it
        is now, and every row the editors of the units it names."""
        for line, row in parsed:
            practice = self._existing.get(row.ods_code)
            now = tuple(parents_now(practice)) if practice else ()
            yield Claim(line, now, tuple(unit for unit, _column in self.parents(row)))

    def values(self, row):
        return {"code": row.ods_code, "kind": Kind.PRACTICE, "name_en": row.name, "synthetic": row.synthetic}

    def write(self, parsed) -> Outcome:
        """The practices (in bulk), then their moves, then their list sizes (in bulk); a row counts as
        created with its practice, updated if any of the three changed."""
        rows = [row for _line, row in parsed]
        assert self.upsert is not None
        practices = plan(self.upsert, [self.values(row) for row in rows])
        save(self.upsert, practices, self.user)
        by_code = {u.code: u for u in OrgUnit.objects.filter(code__in={r.ods_code for r in rows})}
        links = Membership.objects.filter(child__in=by_code.values(), valid_to__isnull=True).select_related("parent")
        open_links = {(link.child_id, link.parent.kind): link for link in links}
        moved = []
        seen: set[str] = set()
        for row, status in zip(rows, practices.statuses, strict=True):
            created = status == CREATED and row.ods_code not in seen
            seen.add(row.ods_code)
            practice = by_code[row.ods_code]
            changed = False
            for parent, column in self.parents(row):
                changed |= _link(open_links, practice, parent, self.start(row, column, created))
            moved.append(changed)
        sizes = plan(
            LIST_SIZES,
            [{"practice": by_code[r.ods_code], "as_of": r.list_size_date, "patients": r.list_size} for r in rows],
        )
        save(LIST_SIZES, sizes, self.user)
        outcome = Outcome()
        for unit, link, size in zip(practices.statuses, moved, sizes.statuses, strict=True):
            if unit == CREATED:
                outcome.created += 1
            elif unit == UNCHANGED and not link and size == UNCHANGED:
                outcome.unchanged += 1
            else:
                outcome.updated += 1
        return outcome


def _link(open_links: dict, child: OrgUnit, parent: OrgUnit, start: date | None) -> bool:
    """Make `parent` the child's open parent of that kind from `start` (checked to be after the
    present one's start); True if anything changed. Not the base's upsert by key: a move closes one
    dated link and opens another, keeping both as the organisation's history, where an upsert would
    overwrite the one row its key names."""
    current = open_links.get((child.pk, parent.kind))
    if current and current.parent_id == parent.pk:
        return False
    if current:
        current.valid_to = start
        current.save()
    open_links[(child.pk, parent.kind)] = Membership.objects.create(child=child, parent=parent, valid_from=start)
    return True
