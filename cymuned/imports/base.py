"""The shape every importer takes, and the one way all of them run: validate all, then write all.

An importer parses every row first and collects every fault; only when there are none does it
write, inside one transaction, so a bad file leaves the database exactly as it was. Writing the
same file twice changes nothing: importers match existing records by their natural key.
"""

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .fields import Problem, RowReader
from .models import ImportRun
from .tabular import Row, Table, UnreadableTable, read_table

logger = logging.getLogger(__name__)

MAX_PROBLEMS_KEPT = 500
WRITE_ATTEMPTS = 3


@contextmanager
def _history_user(user) -> Iterator[None]:
    """Every change written meanwhile is recorded in history as made by `user` (a web request
    already says so; a command run with --user does not)."""
    from simple_history.models import HistoricalRecords

    if user is None or getattr(HistoricalRecords.context, "request", None) is not None:
        yield
        return
    HistoricalRecords.context.request = _Attributed(user)
    try:
        yield
    finally:
        del HistoricalRecords.context.request


@dataclass(frozen=True)
class _Attributed:
    user: Any


@dataclass
class Outcome:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return ngettext(
            "%(rows)s row: %(created)s created, %(updated)s updated, %(unchanged)s unchanged",
            "%(rows)s rows: %(created)s created, %(updated)s updated, %(unchanged)s unchanged",
            self.rows,
        ) % {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


@dataclass
class ImportRejected(Exception):
    filename: str
    problems: list[Problem] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [problem.describe(self.filename) for problem in self.problems]

    def __str__(self) -> str:
        return "\n".join(self.lines())


@dataclass(frozen=True)
class Claim:
    """What one row asks to change, for the access check: the units its record belongs to now
    (empty for a new record) and the units it will belong to, and what that change needs
    (`Need.EDIT_ALL`: an editor of every one of them; `Need.REPORT`: an editor of any one, for
    reporting on a shared project; `Need.NATIONAL`: a national administrator)."""

    line: int | None
    now: tuple = ()
    then: tuple = ()
    need: str = "edit-all"


class Importer:
    """Subclasses name their columns, parse one row into a value, and write all values.

    Access is declared, not coded: an importer of national data sets `national = True`; any other
    says what each row changes by yielding `Claim`s from `claims()` (the record's units now and
    after). The base asks `cymuned.accounts.access` about every claim before anything is written.
    Lookups of codes go through `seen_units`/`seen_projects`, so a code the person may not see reads
    exactly like an unknown one.
    """

    kind: ClassVar[str]
    label: ClassVar[str | Promise]  # usually gettext_lazy: shown in the reader's language
    required: ClassVar[Sequence[str]]
    optional: ClassVar[Sequence[str]] = ()
    example: ClassVar[Sequence[dict[str, Any]]] = ()
    # Accepted spellings of a column, as normalised headers: {"lsoa_code": ["lsoa11cd"]}.
    aliases: ClassVar[dict[str, Sequence[str]]] = {}

    def __init__(self, user=None):
        self.user = user

    # -- to implement -------------------------------------------------------------------------
    def parse_row(self, reader: RowReader) -> Any:
        raise NotImplementedError

    def check_all(self, parsed: list[tuple[int, Any]], problems: list[Problem]) -> None:
        """Cross-row checks (duplicates, references); add Problems for what is wrong."""

    national: ClassVar[bool] = False

    def claims(self, parsed: list[tuple[int, Any]]) -> Iterable[Claim]:
        """One Claim per row: the units of the record it changes, as it is now and as it will be."""
        raise NotImplementedError(f"{type(self).__name__} declares neither national nor claims()")

    def write(self, parsed: list[tuple[int, Any]]) -> Outcome:
        raise NotImplementedError

    # -- the one way to run -------------------------------------------------------------------
    @classmethod
    def columns(cls) -> list[str]:
        return [*cls.required, *cls.optional]

    def _map_headers(self, table: Table, problems: list[Problem]) -> dict[str, str]:
        present = set(table.headers)
        mapping: dict[str, str] = {}
        for column in self.columns():
            spellings = [column, *self.aliases.get(column, ())]
            found = next((s for s in spellings if s in present), None)
            if found:
                mapping[found] = column
            elif column in self.required:
                problems.append(Problem(1, column, _("this column is missing from the header row")))
        duplicates = {h for h in table.headers if h and table.headers.count(h) > 1}
        for header in sorted(duplicates):
            problems.append(Problem(1, header, _("this column appears more than once")))
        return mapping

    def parse(self, table: Table, problems: list[Problem]) -> list[tuple[int, Any]]:
        mapping = self._map_headers(table, problems)
        if problems:
            return []
        parsed: list[tuple[int, Any]] = []
        for row in table.rows:
            if row.is_blank():
                continue
            values = {mapping[h]: v for h, v in row.values.items() if h in mapping}
            if "__extra__" in row.values:
                values["__extra__"] = row.values["__extra__"]
            reader = RowReader(Row(row.line, values), problems)
            value = self.parse_row(reader)
            if reader.ok and value is not None:
                parsed.append((row.line, value))
            if len(problems) > MAX_PROBLEMS_KEPT:
                break
        if not parsed and not problems:
            problems.append(Problem(None, None, _("the file has a header but no rows")))
        # Cross-row checks run over the rows that read well, so one upload reports every fault.
        self.check_all(parsed, problems)
        if len(problems) > MAX_PROBLEMS_KEPT:
            more = len(problems) - MAX_PROBLEMS_KEPT
            del problems[MAX_PROBLEMS_KEPT:]
            problems.append(
                Problem(None, None, ngettext("and %(n)s more problem", "and %(n)s more problems", more) % {"n": more})
            )
        return parsed

    def _authorise(self, parsed: list[tuple[int, Any]], problems: list[Problem]) -> None:
        """Every row's claim is decided by the access rules; a refusal names only units the person
        may see (a record of units they may not see is simply not theirs to change)."""
        if self.user is None:  # the command line without --user runs with the server's own rights
            return
        from cymuned.accounts.access import Need, may, may_change_national_data
        from cymuned.accounts.rules import can_edit, can_view

        if self.national:
            if not may_change_national_data(self.user):
                problems.append(Problem(None, None, _("only national administrators may change national data")))
            return
        refused: set[tuple] = set()
        for claim in self.claims(parsed):
            if len(problems) > MAX_PROBLEMS_KEPT:
                break
            need = Need(claim.need)
            if may(self.user, need, claim.now, claim.then):
                continue
            units = [*claim.now, *claim.then]
            named = next((u for u in units if can_view(self.user, u) and not can_edit(self.user, u)), None)
            key = (named.pk if named else None, need)
            if named is not None and key in refused:
                continue
            refused.add(key)
            if need is Need.NATIONAL:
                message = _("only national administrators may change national data")
            elif named is not None:
                message = _("you may not change the records of %(unit)s") % {"unit": named}
            else:
                message = _("you may not change this record")
            problems.append(Problem(claim.line, None, message))

    def run(self, data: bytes, filename: str, dry_run: bool = False) -> Outcome:
        """Validate everything, then write everything in one transaction, and record the run.

        The run is recorded when it starts and again when it ends, so a run that crashes or is
        killed still leaves its row (a killed one stays "running" with no end time)."""
        run = ImportRun.objects.create(
            kind=self.kind, filename=filename[:255], user=self.user, outcome=ImportRun.Outcome.RUNNING
        )
        try:
            with _history_user(self.user):
                written = self._run(run, data, filename, dry_run)
        except ImportRejected:
            raise
        except Exception as error:
            logger.exception("import %s of %s failed", self.kind, filename)
            problem = Problem(
                None,
                None,
                _("the import stopped with an unexpected error (%(error)s); nothing was written")
                % {"error": type(error).__name__},
            )
            self._record(run, ImportRun.Outcome.FAILED, Outcome(), [problem], filename)
            raise
        if dry_run:
            run.delete()  # a check that passed changed nothing and is not a run to keep
        return written

    def _run(self, run: ImportRun, data: bytes, filename: str, dry_run: bool) -> Outcome:
        problems: list[Problem] = []
        parsed: list[tuple[int, Any]] = []
        try:
            parsed = self.parse(read_table(data, filename), problems)
        except UnreadableTable as error:
            message = str(error).removeprefix(f"{filename}, ").removeprefix(filename).lstrip(" ,:")
            problems.append(Problem(None, None, message))
        if not problems:
            self._authorise(parsed, problems)
        if problems:
            self._record(run, ImportRun.Outcome.REJECTED, Outcome(rows=len(parsed)), problems, filename)
            raise ImportRejected(filename, problems)
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with transaction.atomic():
                    written = self.write(parsed)
                    if dry_run:
                        transaction.set_rollback(True)
                break
            except (IntegrityError, OperationalError):
                # Another import wrote the same records meanwhile (or the database chose this
                # transaction to abort); nothing of ours was kept, so look again and retry.
                if attempt == WRITE_ATTEMPTS:
                    raise
                self.check_all(parsed, [])
        written.rows = len(parsed)
        if not dry_run:
            self._record(run, ImportRun.Outcome.APPLIED, written, [], filename)
        return written

    @staticmethod
    def _record(run: ImportRun, result: str, outcome: Outcome, problems: list[Problem], filename: str):
        run.outcome = result
        run.rows, run.created, run.updated, run.unchanged = (
            outcome.rows,
            outcome.created,
            outcome.updated,
            outcome.unchanged,
        )
        run.problems = [p.describe(filename) for p in problems[:MAX_PROBLEMS_KEPT]]
        run.finished_at = timezone.now()
        run.save()
