"""`cymuned import criteria|proposals|assessments PATH`."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cymuned.accounts.access import panels_of, seen_proposals, seen_units
from cymuned.imports.base import Claim, Importer, Outcome
from cymuned.imports.fields import YES_NO, Problem, RowReader
from cymuned.orgs.hierarchy import ancestor_ids
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import FinancialYear, local_date
from cymuned.portfolio.models import PriorityCondition

from .indicators import indicator_codes
from .models import Assignment, Cost, Criterion, CriterionKind, Proposal, ProposalState, Round, Score
from .rules import PRIORITY_FROM, need_indicator_codes, needs_priority


def read_year(reader: RowReader, column: str) -> str | None:
    text = reader.text(column, max_length=10)
    if text is None:
        return None
    try:
        return str(FinancialYear.parse(text))
    except ValueError:
        reader.fault(column, _("“%(value)s” is not a financial year like 2026-27") % {"value": text})
        return None


def board_of(unit: OrgUnit) -> OrgUnit | None:
    ids = ancestor_ids([unit.pk], local_date())
    return OrgUnit.objects.filter(pk__in=ids, kind=Kind.HEALTH_BOARD).first()


# -- criteria -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CriterionRow:
    round: str
    health_board: str
    code: str
    name: str
    kind: str
    weight: Decimal | None
    name_cy: str
    guidance: str
    guidance_cy: str


class CriterionImporter(Importer):
    kind = "criteria"
    label = gettext_lazy("Proposal criteria")
    required = ("round", "code", "name", "kind", "weight")
    optional = ("name_cy", "guidance", "guidance_cy", "health_board")
    example = (
        {
            "round": "2026-27",
            "code": "QUALITY",
            "name": "Improve quality (STEEP)",
            "kind": "hurdle",
            "weight": "",
            "name_cy": "Gwella ansawdd (STEEP)",
            "guidance": "Safe, timely, effective, equitable and person-centred",
            "guidance_cy": "Diogel, amserol, effeithiol, teg ac yn canolbwyntio ar yr unigolyn",
            "health_board": "7A2",
        },
        {"round": "2026-27", "code": "CONTACT", "name": "Contact (access)", "kind": "scored", "weight": "25"},
    )

    def parse_row(self, reader: RowReader) -> CriterionRow | None:
        year = read_year(reader, "round")
        code = (reader.text("code", max_length=40, single_line=True) or "").upper()
        name = reader.text("name", max_length=200, single_line=True)
        kind = reader.choice("kind", {k.value: k.value for k in CriterionKind})
        weight = reader.decimal("weight", required=False, minimum=Decimal(0), maximum=Decimal(1000000), places=2)
        if kind == CriterionKind.SCORED and weight is None and reader.ok:
            reader.fault("weight", _("a scored criterion needs a weight"))
        if kind == CriterionKind.HURDLE and weight is not None:
            reader.fault("weight", _("a hurdle has no weight: leave it blank"))
        row = CriterionRow(
            year or "",
            (reader.text("health_board", required=False, max_length=32) or "").upper(),
            code,
            name or "",
            kind or "",
            weight,
            reader.text("name_cy", required=False, max_length=200, single_line=True) or "",
            reader.text("guidance", required=False, max_length=4000) or "",
            reader.text("guidance_cy", required=False, max_length=4000) or "",
        )
        return row if reader.ok else None

    def check_all(self, parsed, problems):
        boards = {u.code: u for u in seen_units(self.user, OrgUnit.objects.filter(kind=Kind.HEALTH_BOARD))}
        self._boards: dict[int, OrgUnit] = {}
        seen: dict[tuple, int] = {}
        for line, row in parsed:
            if row.health_board:
                board = boards.get(row.health_board)
                if board is None:
                    problems.append(
                        Problem(
                            line,
                            "health_board",
                            _("“%(code)s” is not a known health board") % {"code": row.health_board},
                        )
                    )
                    continue
            else:
                rounds = list(Round.objects.filter(year=row.round).select_related("health_board")[:2])
                if len(rounds) != 1:
                    problems.append(
                        Problem(
                            line, "health_board", _("name the health board of round %(year)s") % {"year": row.round}
                        )
                    )
                    continue
                board = rounds[0].health_board
            self._boards[line] = board
            key = (board.pk, row.round, row.code)
            if key in seen:
                problems.append(
                    Problem(
                        line,
                        "code",
                        _("%(code)s already appears on line %(other)s") % {"code": row.code, "other": seen[key]},
                    )
                )
            seen.setdefault(key, line)
            existing = Criterion.objects.filter(round__health_board=board, round__year=row.round, code=row.code).first()
            if existing and existing.kind != row.kind and existing.scores.exists():
                problems.append(
                    Problem(
                        line,
                        "kind",
                        _("%(code)s has been assessed already; its kind cannot change") % {"code": row.code},
                    )
                )

    def claims(self, parsed):
        for line, _row in parsed:
            board = (self._boards[line],)
            yield Claim(line, board, board)

    def write(self, parsed) -> Outcome:
        outcome = Outcome()
        for position, (line, row) in enumerate(parsed):
            round_, _created = Round.objects.get_or_create(health_board=self._boards[line], year=row.round)
            values = {
                "name_en": row.name,
                "name_cy": row.name_cy,
                "guidance_en": row.guidance,
                "guidance_cy": row.guidance_cy,
                "kind": row.kind,
                "weight": row.weight,
                "position": position,
            }
            criterion = Criterion.objects.filter(round=round_, code=row.code).first()
            if criterion is None:
                Criterion.objects.create(round=round_, code=row.code, **values)
                outcome.created += 1
            elif any(getattr(criterion, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(criterion, k, v)
                criterion.save()
                outcome.updated += 1
            else:
                outcome.unchanged += 1
        return outcome


# -- proposals ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProposalRow:
    code: str
    title: str
    clusters: tuple[str, ...]
    priority_condition: str
    first_year: str
    annual_cost: Decimal
    years: int
    exit_strategy: str
    additional: bool
    title_cy: str
    need: str
    partners: str
    priority_exception: str
    recurrent: bool
    synthetic: bool
    need_indicators: str = ""


class ProposalImporter(Importer):
    kind = "proposals"
    label = gettext_lazy("Proposals")
    required = (
        "code",
        "title",
        "clusters",
        "priority_condition",
        "first_year",
        "annual_cost_gbp",
        "years",
        "exit_strategy",
        "additional_to_contract",
    )
    optional = ("title_cy", "need", "need_indicators", "partners", "priority_exception", "recurrent", "synthetic")
    example = (
        {
            "code": "LL-BP",
            "title": "Blood pressure checks in community pharmacies",
            "clusters": "LL;TT",
            "priority_condition": "hypertension",
            "first_year": "2026-27",
            "annual_cost_gbp": "£24,000.00",
            "years": 3,
            "exit_strategy": "Mainstreamed into the pharmacy contract after evaluation",
            "additional_to_contract": "yes",
            "title_cy": "Gwiriadau pwysedd gwaed mewn fferyllfeydd cymunedol",
            "need": "Undiagnosed hypertension in Llanelli",
            "need_indicators": "hypertension",
            "partners": "Community pharmacy collaborative",
            "priority_exception": "",
            "recurrent": "no",
        },
    )

    def parse_row(self, reader: RowReader) -> ProposalRow | None:
        code = (reader.text("code", max_length=40, single_line=True) or "").upper()
        title = reader.text("title", max_length=300, single_line=True) or ""
        clusters = tuple(
            c.strip().upper() for c in (reader.text("clusters", max_length=500) or "").split(";") if c.strip()
        )
        condition = reader.choice("priority_condition", {c.value: c.value for c in PriorityCondition}, required=False)
        first_year = read_year(reader, "first_year") or ""
        cost = reader.money("annual_cost_gbp")
        years = reader.integer("years", minimum=1, maximum=10)
        exit_strategy = reader.text("exit_strategy", max_length=4000) or ""
        additional = reader.choice("additional_to_contract", YES_NO)
        recurrent = reader.choice("recurrent", YES_NO, required=False)
        exception = reader.text("priority_exception", required=False, max_length=4000) or ""
        if reader.ok and needs_priority(first_year) and not condition and not exception:
            reader.fault(
                "priority_condition",
                _(
                    "from %(year)s new investment must target hypertension, diabetes or asthma unless an exception is given"
                )
                % {"year": PRIORITY_FROM},
            )
        row = ProposalRow(
            code,
            title,
            clusters,
            condition or "",
            first_year,
            cost or Decimal(0),
            years or 1,
            exit_strategy,
            bool(additional),
            reader.text("title_cy", required=False, max_length=300, single_line=True) or "",
            reader.text("need", required=False, max_length=4000) or "",
            reader.text("partners", required=False, max_length=2000) or "",
            exception,
            bool(recurrent),
            bool(reader.choice("synthetic", YES_NO, required=False)),
            reader.text("need_indicators", required=False, max_length=500) or "",
        )
        return row if reader.ok else None

    def check_all(self, parsed, problems):
        codes = {c for _, row in parsed for c in row.clusters}
        self._clusters = {
            u.code: u for u in seen_units(self.user, OrgUnit.objects.filter(kind=Kind.CLUSTER, code__in=codes))
        }
        self._existing = {
            p.code: p
            for p in Proposal.objects.filter(code__in={row.code for _, row in parsed}).prefetch_related("clusters")
        }
        self._rounds: dict[int, Round] = {}
        self._indicators: dict[int, list[str]] = {}
        known = indicator_codes()
        boards: dict[str, OrgUnit | None] = {}
        seen: dict[str, int] = {}
        for line, row in parsed:
            self._indicators[line], unknown_indicators = need_indicator_codes(row.need_indicators, known)
            if unknown_indicators:
                problems.append(
                    Problem(
                        line,
                        "need_indicators",
                        _("“%(codes)s” is not the code of a population indicator")
                        % {"codes": ";".join(unknown_indicators)},
                    )
                )
            if row.code in seen:
                problems.append(
                    Problem(
                        line,
                        "code",
                        _("%(code)s already appears on line %(other)s") % {"code": row.code, "other": seen[row.code]},
                    )
                )
            seen.setdefault(row.code, line)
            unknown = [c for c in row.clusters if c not in self._clusters]
            if unknown or not row.clusters:
                problems.append(
                    Problem(
                        line, "clusters", _("“%(codes)s” is not a known cluster code") % {"codes": ";".join(unknown)}
                    )
                )
                continue
            existing = self._existing.get(row.code)
            if existing is not None and existing.state != ProposalState.DRAFT:
                problems.append(
                    Problem(
                        line,
                        "code",
                        _("%(code)s has been submitted; it can no longer be imported") % {"code": row.code},
                    )
                )
            for cluster in row.clusters:
                if cluster not in boards:
                    boards[cluster] = board_of(self._clusters[cluster])
            found = {boards[c] for c in row.clusters}
            if len(found) != 1 or None in found:
                problems.append(Problem(line, "clusters", _("the clusters must belong to one health board")))
                continue
            board = found.pop()
            round_ = Round.objects.filter(health_board=board, year=row.first_year).first()
            if round_ is None:
                problems.append(
                    Problem(
                        line,
                        "first_year",
                        _("%(board)s has no funding round for %(year)s: import its criteria first")
                        % {"board": board, "year": row.first_year},
                    )
                )
                continue
            self._rounds[line] = round_

    def claims(self, parsed):
        for line, row in parsed:
            existing = self._existing.get(row.code)
            now = tuple(existing.clusters.all()) if existing else ()
            yield Claim(line, now, tuple(self._clusters[c] for c in row.clusters))

    def write(self, parsed) -> Outcome:
        outcome = Outcome()
        for line, row in parsed:
            year = FinancialYear.parse(row.first_year)
            values = {
                "round": self._rounds[line],
                "title_en": row.title,
                "title_cy": row.title_cy,
                "priority_condition": row.priority_condition,
                "priority_exception": row.priority_exception,
                "first_year": row.first_year,
                "exit_strategy": row.exit_strategy,
                "additional_to_contract": row.additional,
                "need": row.need,
                "need_indicators": self._indicators[line],
                "partners": row.partners,
                "synthetic": row.synthetic,
            }
            costs = {
                str(FinancialYear(year.start_year + n)): (row.annual_cost, row.recurrent) for n in range(row.years)
            }
            clusters = [self._clusters[c] for c in row.clusters]
            proposal = self._existing.get(row.code)
            if proposal is None:
                proposal = Proposal.objects.create(code=row.code, proposer=self.user, **values)
                proposal.clusters.set(clusters)
                Cost.objects.bulk_create(
                    [Cost(proposal=proposal, year=y, amount_gbp=a, recurrent=r) for y, (a, r) in costs.items()]
                )
                outcome.created += 1
                continue
            before_costs = {c.year: (c.amount_gbp, c.recurrent) for c in proposal.costs.all()}
            changed = any(getattr(proposal, k) != v for k, v in values.items())
            changed_clusters = {c.pk for c in proposal.clusters.all()} != {c.pk for c in clusters}
            if not (changed or changed_clusters or before_costs != costs):
                outcome.unchanged += 1
                continue
            for k, v in values.items():
                setattr(proposal, k, v)
            proposal.version += 1
            proposal.save()
            if changed_clusters:
                proposal.clusters.set(clusters)
            if before_costs != costs:
                proposal.costs.all().delete()
                Cost.objects.bulk_create(
                    [Cost(proposal=proposal, year=y, amount_gbp=a, recurrent=r) for y, (a, r) in costs.items()]
                )
            outcome.updated += 1
        return outcome


# -- assessments ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class AssessmentRow:
    proposal: str
    assessor: str
    criterion: str
    value: str
    comment: str


class AssessmentImporter(Importer):
    kind = "assessments"
    label = gettext_lazy("Proposal assessments")
    required = ("proposal", "assessor", "criterion", "value")
    optional = ("comment",)
    example = (
        {"proposal": "LL-BP", "assessor": "assessor1", "criterion": "QUALITY", "value": "pass", "comment": ""},
        {"proposal": "LL-BP", "assessor": "assessor1", "criterion": "CONTACT", "value": "4", "comment": "Good reach"},
    )

    def parse_row(self, reader: RowReader) -> AssessmentRow | None:
        row = AssessmentRow(
            (reader.text("proposal", max_length=40) or "").upper(),
            reader.text("assessor", max_length=150) or "",
            (reader.text("criterion", max_length=40) or "").upper(),
            (reader.text("value", max_length=10) or "").strip().lower(),
            reader.text("comment", required=False, max_length=4000) or "",
        )
        return row if reader.ok else None

    def check_all(self, parsed, problems):
        self._proposals = {
            p.code: p
            for p in seen_proposals(self.user, Proposal.objects.filter(code__in={r.proposal for _, r in parsed}))
            .select_related("round")
            .prefetch_related("clusters")
        }
        users = get_user_model()._default_manager.filter(username__in={r.assessor for _, r in parsed})
        self._users = {u.username: u for u in users}
        rounds = {p.round_id for p in self._proposals.values()}
        self._criteria = {(c.round_id, c.code): c for c in Criterion.objects.filter(round_id__in=rounds)}
        self._values: dict[int, int] = {}
        seen: dict[tuple, int] = {}
        for line, row in parsed:
            proposal = self._proposals.get(row.proposal)
            if proposal is None:
                problems.append(
                    Problem(line, "proposal", _("“%(code)s” is not a known proposal") % {"code": row.proposal})
                )
                continue
            if row.assessor not in self._users:
                problems.append(Problem(line, "assessor", _("“%(name)s” is not a known user") % {"name": row.assessor}))
            criterion = self._criteria.get((proposal.round_id, row.criterion))
            if criterion is None:
                problems.append(
                    Problem(
                        line,
                        "criterion",
                        _("“%(code)s” is not a criterion of round %(round)s")
                        % {"code": row.criterion, "round": proposal.round.year},
                    )
                )
                continue
            if criterion.kind == CriterionKind.HURDLE:
                value = {"pass": 1, "fail": 0}.get(row.value)
                if value is None:
                    problems.append(Problem(line, "value", _("a hurdle is “pass” or “fail”")))
                    continue
            else:
                value = int(row.value) if row.value in {"0", "1", "2", "3", "4", "5"} else None
                if value is None:
                    problems.append(Problem(line, "value", _("a score is a whole number from 0 to 5")))
                    continue
            self._values[line] = value
            key = (row.proposal, row.assessor, row.criterion)
            if key in seen:
                problems.append(
                    Problem(line, "criterion", _("already appears on line %(other)s") % {"other": seen[key]})
                )
            seen.setdefault(key, line)
            if proposal.state == ProposalState.DECIDED:
                problems.append(Problem(line, "proposal", _("%(code)s has been decided") % {"code": row.proposal}))

    def claims(self, parsed):
        panels: dict[str, tuple] = {}
        for line, row in parsed:
            if row.proposal not in panels:
                panels[row.proposal] = tuple(panels_of(self._proposals[row.proposal].clusters.all()))
            yield Claim(line, panels[row.proposal], panels[row.proposal])

    def write(self, parsed) -> Outcome:
        outcome = Outcome()
        now = timezone.now()
        for line, row in parsed:
            proposal = self._proposals[row.proposal]
            assignment, _created = Assignment.objects.get_or_create(
                proposal=proposal, assessor=self._users[row.assessor]
            )
            if assignment.submitted_at is None:
                assignment.submitted_at = now
                assignment.save()
            criterion = self._criteria[(proposal.round_id, row.criterion)]
            score = Score.objects.filter(assignment=assignment, criterion=criterion).first()
            value = self._values[line]
            if score is None:
                Score.objects.create(assignment=assignment, criterion=criterion, value=value, comment=row.comment)
                outcome.created += 1
            elif (score.value, score.comment) != (value, row.comment):
                score.value, score.comment = value, row.comment
                score.save()
                outcome.updated += 1
            else:
                outcome.unchanged += 1
            if proposal.state in (ProposalState.DRAFT, ProposalState.SUBMITTED):
                proposal.state = ProposalState.ASSESSED
                proposal.save(update_fields=["state"])
        return outcome
