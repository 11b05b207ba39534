"""The shape every importer takes, and the one way all of them run: validate all, then write all.

An importer is a declaration: its columns (each read by the field reader the forms use), its key (a
row that repeats another's is refused), its references (codes resolved to records, one query per
kind; a record the person may not see reads as unknown), its access rule (`national`, or `claims()`)
and its upsert (model, key and fields). The base reads every row, reports every fault of the file in
one pass, asks the access rules about every row, and only then writes, in bulk and inside one
transaction, so a bad file leaves the database exactly as it was. Writing the same file twice changes
nothing and adds no history: records are matched by their natural key. Every run is recorded.

A run may be given `progress`, a callable taking `force` and counts (`read`, `checked`, `written`):
it is called as rows are read, once every row is checked, and once the rows written are committed —
never inside the write's transaction, so a job's progress is kept even when the write is undone. It
decides itself how often it writes (see cymuned.jobs.running.Progress).
"""

import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, ClassVar

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .fields import Column, Problem, RowReader, read_columns
from .models import ImportRun
from .tabular import Row, Table, UnreadableTable, read_table
from .upsert import CREATED, UNCHANGED, UPDATED, Plan, Upsert, plan, save

logger = logging.getLogger(__name__)

MAX_PROBLEMS_KEPT = 500
WRITE_ATTEMPTS = 3

# progress(force=False, read=…, checked=…, written=…)
ProgressHook = Callable[..., None]


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


def _cells(row: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(row):
        return {f.name: getattr(row, f.name) for f in dataclasses.fields(row)}
    return dict(vars(row))


class Record(SimpleNamespace):
    """A row as read from its declared columns (an importer may declare a dataclass instead)."""


@dataclass(frozen=True)
class Reference:
    """A column that names records by code. `load(user, codes)` gives {code: record} for the codes
    it finds among the records the person may see; every other code is a problem (`message`, with
    %(code)s). `many`: the cell holds several codes (a tuple). `code(row)`: the code looked up, when it
    is not simply the column's value (a measure is found by project and measure code)."""

    column: str
    load: Callable[[Any, set], dict]
    message: Any
    many: bool = False
    code: Callable[[Any], Any] | None = None

    def codes_of(self, row) -> list:
        if self.code is not None:
            found = self.code(row)
            return [] if found is None else [found]
        value = getattr(row, self.column, None)
        if self.many:
            return list(value or ())
        return [] if value in (None, "") else [value]


def by_code(queryset: Callable[[], QuerySet], seen: Callable[[Any, QuerySet], QuerySet] | None = None, field="code"):
    """A Reference's `load`: records of `queryset()` whose `field` is one of the codes, narrowed by
    `seen(user, records)` (from cymuned.accounts.access) to those the person may see."""

    def load(user, codes: set) -> dict:
        records = queryset().filter(**{f"{field}__in": codes})
        if seen is not None:
            records = seen(user, records)
        return {getattr(record, field): record for record in records}

    return load


class Importer:
    """An importer declares `columns`, `key`, `references`, its access rule and `upsert` (see the
    README, "Adding an import"); the base does the rest.

    Declared: `columns` (Column: name, field reader, required, aliases); `row_type` (a dataclass the
    column values are given to, by name; else a Record); `rules(row, reader)` for checks across the
    cells of one row; `key` (row attributes that identify a row: a second row with the same key is a
    problem, reported in `key_column` with `key_message`; `row_key(row)` when the key is worked out, from
    a record a reference or `check` found, say); `references`; `check(rows, problems)` for any other
    check across rows, run on the rows that read well and whose references are known; `upsert` with
    `values(row)` (the model's field values of a row, records for foreign keys; `values_of(row)` when one
    row of a wide layout stands for several records); `after_write(rows, plan)`.

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

    # -- the declaration -----------------------------------------------------------------------
    columns: ClassVar[Sequence[Column]] = ()
    row_type: ClassVar[Callable[..., Any]] = Record
    key: ClassVar[tuple[str, ...]] = ()
    key_column: ClassVar[str | None] = None
    # what the second row with a key is told: %(key)s (the key's cells) and %(other)s (the first line)
    key_message: ClassVar[str | Promise | None] = None
    references: ClassVar[Sequence[Reference]] = ()
    upsert: ClassVar[Upsert | None] = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("columns"):
            cls.required = tuple(c.name for c in cls.columns if c.required)
            cls.optional = tuple(c.name for c in cls.columns if not c.required)
            cls.aliases = {c.name: c.aliases for c in cls.columns if c.aliases}

    def __init__(self, user=None):
        self.user = user
        self.found: dict[str, dict] = {}  # by reference column: {code: record}
        self._rows: list[tuple[int, Any]] = []  # every row read, with the cells that read well
        self._unresolved: set[int] = set()  # lines naming a code that is not known
        self.progress: ProgressHook | None = None
        self.rows_read = 0

    def _report(self, force: bool = False, **counts: int) -> None:
        if self.progress is not None:
            self.progress(force=force, **counts)

    def rules(self, row: Any, reader: RowReader) -> None:
        """Checks across the cells of one row; `reader.fault(column, message)` for each fault."""

    def check(self, parsed: list[tuple[int, Any]], problems: list[Problem]) -> None:
        """Checks across rows, beyond duplicates and references."""

    def row_key(self, row: Any) -> tuple | None:
        """What identifies a row: its `key` attributes. None when there is nothing to compare (a
        cell, reference or check that failed has said so already)."""
        key = tuple(getattr(row, name, None) for name in self.key)
        return None if any(part is None for part in key) else key

    def values(self, row: Any) -> dict[str, Any]:
        """The upsert's key and field values for one row."""
        raise NotImplementedError(f"{type(self).__name__} declares an upsert but no values()")

    def values_of(self, row: Any) -> list[dict[str, Any]]:
        """The upsert's values of every record one row stands for: one, unless a wide layout gives
        several records a row."""
        return [self.values(row)]

    def also_changed(self, record: Any, row: Any) -> bool:
        """Whether a row changes its record in a way the upsert's fields do not show."""
        return False

    def create(self, records: list) -> None:
        """Insert new records (in bulk, with history); an importer with a faster way may say so."""
        assert self.upsert is not None
        save(self.upsert, Plan(new=records), self.user)

    def before_write(self, parsed: list[tuple[int, Any]], planned: Plan) -> None:
        """Last changes to the planned records (values worked out across the whole file)."""

    def after_write(self, parsed: list[tuple[int, Any]], planned: Plan) -> None:
        """What else a written file changes (links, stamps)."""

    # -- the old hooks, for an importer that is not yet a declaration ------------------------------
    def parse_row(self, reader: RowReader) -> Any:
        """One row as a value, or None if it is wrong (its faults recorded in the reader)."""
        if not self.columns:
            raise NotImplementedError
        values = read_columns(reader, self.columns)
        row = self.row_type(**values)
        self.rules(row, reader)
        # kept even when a cell is wrong, so its other cells are still checked against the database
        self._rows.append((reader.row.line, row))
        return row if reader.ok else None

    def check_all(self, parsed: list[tuple[int, Any]], problems: list[Problem]) -> None:
        """References, the importer's own checks, then duplicates (a key may be worked out by the
        checks): every fault of the file at once."""
        rows = self._rows if self.columns else parsed
        self._resolve(rows, problems)
        self.check([(line, row) for line, row in parsed if line not in self._unresolved], problems)
        self._check_key(rows, problems)

    def _check_key(self, rows: list[tuple[int, Any]], problems: list[Problem]) -> None:
        """A row whose key an earlier row has is refused, naming the line of the first."""
        if not self.key:
            return
        message = str(self.key_message or _("%(key)s already appears on line %(other)s"))
        seen: dict[tuple, int] = {}
        for line, row in rows:
            key = self.row_key(row)
            if key is None:
                continue  # a key that could not be read is reported already
            if key in seen:
                cells = (getattr(row, name, None) for name in self.key)
                shown = " ".join(str(part) for part in cells if part not in ("", None))
                problems.append(
                    Problem(line, self.key_column or self.key[0], message % {"key": shown, "other": seen[key]})
                )
            seen.setdefault(key, line)

    def _resolve(self, rows: list[tuple[int, Any]], problems: list[Problem]) -> None:
        """One query per reference: every code of the file resolved at once."""
        self._unresolved = set()
        for reference in self.references:
            codes = {code for _line, row in rows for code in reference.codes_of(row)}
            found = reference.load(self.user, codes) if codes else {}
            self.found[reference.column] = found
            for line, row in rows:
                unknown = [code for code in reference.codes_of(row) if code not in found]
                if not unknown:
                    continue
                self._unresolved.add(line)
                shown = ", ".join(str(code[-1] if isinstance(code, tuple) else code) for code in unknown)
                problems.append(
                    Problem(line, reference.column, str(reference.message) % {**_cells(row), "code": shown})
                )

    def resolved(self, column: str, row: Any) -> Any:
        """The record a row's code names, in a reference column (None for a blank optional code)."""
        value = getattr(row, column)
        return self.found[column].get(value) if value not in (None, "") else None

    national: ClassVar[bool] = False

    def claims(self, parsed: list[tuple[int, Any]]) -> Iterable[Claim]:
        """One Claim per row: the units of the record it changes, as it is now and as it will be."""
        raise NotImplementedError(f"{type(self).__name__} declares neither national nor claims()")

    def write(self, parsed: list[tuple[int, Any]]) -> Outcome:
        """The declared upsert: one query for what is stored, then bulk inserts and updates with
        their history. A row whose values equal the stored ones is left alone."""
        if self.upsert is None:
            raise NotImplementedError
        rows: list[Any] = []
        wanted: list[dict[str, Any]] = []
        for _line, row in parsed:
            for values in self.values_of(row):
                rows.append(row)
                wanted.append(values)
        planned = plan(self.upsert, wanted, also_changed=lambda r, i: self.also_changed(r, rows[i]))
        self.before_write(parsed, planned)
        save(self.upsert, planned, self.user, create=self.create)
        self.after_write(parsed, planned)
        return Outcome(
            created=planned.count(CREATED), updated=planned.count(UPDATED), unchanged=planned.count(UNCHANGED)
        )

    # -- the one way to run -------------------------------------------------------------------
    @classmethod
    def column_names(cls) -> list[str]:
        return [*cls.required, *cls.optional]

    def _map_headers(self, table: Table, problems: list[Problem]) -> dict[str, str]:
        present = set(table.headers)
        mapping: dict[str, str] = {}
        for column in self.column_names():
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
        read = 0
        for row in table.rows:
            if row.is_blank():
                continue
            read += 1
            self._report(read=read)
            values = {mapping[h]: v for h, v in row.values.items() if h in mapping}
            if "__extra__" in row.values:
                values["__extra__"] = row.values["__extra__"]
            reader = RowReader(Row(row.line, values), problems)
            value = self.parse_row(reader)
            if reader.ok and value is not None:
                parsed.append((row.line, value))
            if len(problems) > MAX_PROBLEMS_KEPT:
                break
        self._report(force=True, read=read)
        self.rows_read = read
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

    def run(self, data: bytes, filename: str, dry_run: bool = False, progress: ProgressHook | None = None) -> Outcome:
        """Validate everything, then write everything in one transaction, and record the run.

        The run is recorded when it starts and again when it ends, so a run that crashes or is
        killed still leaves its row (a killed one stays "running" with no end time)."""
        self.progress = progress
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
        # every row read has been checked, whether or not it passed
        self._report(force=True, checked=self.rows_read)
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
            self._report(force=True, written=len(parsed))
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
