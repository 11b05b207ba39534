"""`cymuned import criteria|proposals|assessments PATH`."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cymuned.accounts.access import panels_of, seen_proposals, seen_units
from cymuned.imports.base import Claim, Importer, Reference, by_code
from cymuned.imports.fields import YES_NO, Choice, Code, Codes, Column, Integer, Money, Number, Parsed, Problem, Text
from cymuned.imports.references import units
from cymuned.imports.upsert import UNCHANGED, Upsert, plan, save, upsert
from cymuned.orgs.hierarchy import ancestor_ids
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import FinancialYear, local_date
from cymuned.portfolio.models import PriorityCondition

from .indicators import indicator_codes
from .models import Assignment, Cost, Criterion, CriterionKind, Proposal, ProposalState, Round, Score
from .rules import PRIORITY_FROM, need_indicator_codes, needs_priority

YEAR = Parsed(FinancialYear.parse, gettext_lazy("“%(value)s” is not a financial year like 2026-27"), max_length=10)


def board_of(unit: OrgUnit) -> OrgUnit | None:
    ids = ancestor_ids([unit.pk], local_date())
    return OrgUnit.objects.filter(pk__in=ids, kind=Kind.HEALTH_BOARD).first()


# -- criteria -------------------------------------------------------------------------------------
class CriterionImporter(Importer):
    kind = "criteria"
    label = gettext_lazy("Proposal criteria")
    columns = (
        Column("round", YEAR),
        Column("code", Code(max_length=40, single_line=True)),
        Column("name", Text(max_length=200, single_line=True)),
        Column("kind", Choice({k.value: k.value for k in CriterionKind})),
        Column("weight", Number(minimum=Decimal(0), maximum=Decimal(1000000), places=2), blank=True),
        Column("name_cy", Text(max_length=200, single_line=True), required=False),
        Column("guidance", Text(max_length=4000), required=False),
        Column("guidance_cy", Text(max_length=4000), required=False),
        Column("health_board", Code(max_length=32), required=False),
    )
    # a code once in a round of a board: the board is the one named, or the round's (worked out by check)
    key = ("round", "code")
    key_column = "code"
    references = (
        Reference(
            "health_board",
            by_code(lambda: OrgUnit.objects.filter(kind=Kind.HEALTH_BOARD), seen_units),
            gettext_lazy("“%(code)s” is not a known health board"),
        ),
    )
    upsert = Upsert(
        Criterion,
        key=("round", "code"),
        fields=("name_en", "name_cy", "guidance_en", "guidance_cy", "kind", "weight", "position"),
    )
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

    def rules(self, row, reader):
        if row.kind == CriterionKind.SCORED and row.weight is None and reader.ok:
            reader.fault("weight", _("a scored criterion needs a weight"))
        if row.kind == CriterionKind.HURDLE and row.weight is not None:
            reader.fault("weight", _("a hurdle has no weight: leave it blank"))

    def row_key(self, row):
        board = getattr(row, "board", None)
        return None if board is None else (board.pk, row.round, row.code)

    def check(self, parsed, problems):
        unnamed = {row.round for _line, row in parsed if not row.health_board}
        rounds: dict[str, list[Round]] = {}
        for round_ in Round.objects.filter(year__in=unnamed).select_related("health_board"):
            rounds.setdefault(round_.year, []).append(round_)
        for line, row in parsed:
            if row.health_board:
                row.board = self.resolved("health_board", row)
            elif len(rounds.get(row.round, ())) == 1:
                row.board = rounds[row.round][0].health_board
            else:
                message = _("name the health board of round %(year)s") % {"year": row.round}
                problems.append(Problem(line, "health_board", message))
        # a criterion that has been assessed keeps its kind
        boarded = [(line, row) for line, row in parsed if getattr(row, "board", None) is not None]
        assessed = {
            (board, year, code): kind
            for board, year, code, kind in Criterion.objects.filter(
                round__health_board__in={row.board.pk for _line, row in boarded},
                round__year__in={row.round for _line, row in boarded},
                scores__isnull=False,
            )
            .values_list("round__health_board_id", "round__year", "code", "kind")
            .distinct()
        }
        for line, row in boarded:
            if assessed.get((row.board.pk, row.round, row.code), row.kind) != row.kind:
                message = _("%(code)s has been assessed already; its kind cannot change") % {"code": row.code}
                problems.append(Problem(line, "kind", message))

    def claims(self, parsed):
        for line, row in parsed:
            yield Claim(line, (row.board,), (row.board,))

    def write(self, parsed):
        """A year's round is made by its first criteria; criteria keep the file's order."""
        pairs = dict.fromkeys((row.board, row.round) for _line, row in parsed)
        rounds = Upsert(Round, key=("health_board", "year"), fields=())
        upsert(rounds, [{"health_board": b, "year": y} for b, y in pairs], self.user)
        self._rounds = {
            (r.health_board_id, r.year): r
            for r in Round.objects.filter(health_board__in={b for b, _y in pairs}, year__in={y for _b, y in pairs})
        }
        for position, (_line, row) in enumerate(parsed):
            row.position = position
        return super().write(parsed)

    def values(self, row):
        return {
            "round": self._rounds[(row.board.pk, row.round)],
            "code": row.code,
            "name_en": row.name,
            "name_cy": row.name_cy,
            "guidance_en": row.guidance,
            "guidance_cy": row.guidance_cy,
            "kind": row.kind,
            "weight": row.weight,
            "position": row.position,
        }


# -- proposals ------------------------------------------------------------------------------------
PROPOSAL_FIELDS = (
    "round",
    "title_en",
    "title_cy",
    "priority_condition",
    "priority_exception",
    "first_year",
    "exit_strategy",
    "additional_to_contract",
    "need",
    "need_indicators",
    "partners",
    "synthetic",
)


class ProposalImporter(Importer):
    kind = "proposals"
    label = gettext_lazy("Proposals")
    columns = (
        Column("code", Code(max_length=40, single_line=True)),
        Column("title", Text(max_length=300, single_line=True)),
        Column("clusters", Codes(max_length=500)),
        Column("priority_condition", Choice({c.value: c.value for c in PriorityCondition}, blank=""), blank=True),
        Column("first_year", YEAR),
        Column("annual_cost_gbp", Money()),
        Column("years", Integer(minimum=1, maximum=10)),
        Column("exit_strategy", Text(max_length=4000)),
        Column("additional_to_contract", Choice(YES_NO)),
        Column("title_cy", Text(max_length=300, single_line=True), required=False),
        Column("need", Text(max_length=4000), required=False),
        Column("need_indicators", Text(max_length=500), required=False),
        Column("partners", Text(max_length=2000), required=False),
        Column("priority_exception", Text(max_length=4000), required=False),
        Column("recurrent", Choice(YES_NO, blank=False), required=False),
        Column("synthetic", Choice(YES_NO, blank=False), required=False),
    )
    key = ("code",)
    references = (units("clusters", Kind.CLUSTER, gettext_lazy("“%(code)s” is not a known cluster code"), many=True),)
    upsert = Upsert(Proposal, key=("code",), fields=PROPOSAL_FIELDS, version=True, stamp="updated_at")
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

    def rules(self, row, reader):
        if reader.ok and needs_priority(row.first_year) and not row.priority_condition and not row.priority_exception:
            reader.fault(
                "priority_condition",
                _(
                    "from %(year)s new investment must target hypertension, diabetes or asthma unless an exception is given"
                )
                % {"year": PRIORITY_FROM},
            )

    def check(self, parsed, problems):
        self._existing = {
            p.code: p
            for p in Proposal.objects.filter(code__in={row.code for _, row in parsed}).prefetch_related(
                "clusters", "costs"
            )
        }
        known = indicator_codes()
        boards: dict[int, OrgUnit | None] = {}
        for line, row in parsed:
            row.indicators, unknown = need_indicator_codes(row.need_indicators, known)
            if unknown:
                message = _("“%(codes)s” is not the code of a population indicator") % {"codes": ";".join(unknown)}
                problems.append(Problem(line, "need_indicators", message))
            existing = self._existing.get(row.code)
            if existing is not None and existing.state != ProposalState.DRAFT:
                message = _("%(code)s has been submitted; it can no longer be imported") % {"code": row.code}
                problems.append(Problem(line, "code", message))
            for cluster in self.clusters(row):
                if cluster.pk not in boards:
                    boards[cluster.pk] = board_of(cluster)
            found = {boards[c.pk] for c in self.clusters(row)}
            if len(found) != 1 or None in found:
                problems.append(Problem(line, "clusters", _("the clusters must belong to one health board")))
                continue
            row.board = found.pop()
        boarded = [(line, row) for line, row in parsed if getattr(row, "board", None) is not None]
        rounds = {
            (r.health_board_id, r.year): r
            for r in Round.objects.filter(
                health_board__in={row.board.pk for _, row in boarded}, year__in={row.first_year for _, row in boarded}
            )
        }
        for line, row in boarded:
            row.round = rounds.get((row.board.pk, row.first_year))
            if row.round is None:
                problems.append(
                    Problem(
                        line,
                        "first_year",
                        _("%(board)s has no funding round for %(year)s: import its criteria first")
                        % {"board": row.board, "year": row.first_year},
                    )
                )

    def clusters(self, row) -> list[OrgUnit]:
        return [self.found["clusters"][code] for code in row.clusters]

    def costs(self, row) -> dict[str, tuple[Decimal, bool]]:
        """A proposal's cost in each of its years: the annual cost from its first year."""
        start = FinancialYear.parse(row.first_year).start_year
        return {str(FinancialYear(start + n)): (row.annual_cost_gbp, row.recurrent) for n in range(row.years)}

    def claims(self, parsed):
        for line, row in parsed:
            existing = self._existing.get(row.code)
            now = tuple(existing.clusters.all()) if existing else ()
            yield Claim(line, now, tuple(self.clusters(row)))

    def values(self, row):
        return {
            "code": row.code,
            "round": row.round,
            "title_en": row.title,
            "title_cy": row.title_cy,
            "priority_condition": row.priority_condition,
            "priority_exception": row.priority_exception,
            "first_year": row.first_year,
            "exit_strategy": row.exit_strategy,
            "additional_to_contract": row.additional_to_contract,
            "need": row.need,
            "need_indicators": row.indicators,
            "partners": row.partners,
            "synthetic": row.synthetic,
        }

    def _links_differ(self, row) -> tuple[bool, bool]:
        """Whether a row changes its proposal's clusters, and its costs (a new proposal: both)."""
        existing = self._existing.get(row.code)
        if existing is None:
            return True, True
        clusters = {c.pk for c in existing.clusters.all()} != {c.pk for c in self.clusters(row)}
        costs = {c.year: (c.amount_gbp, c.recurrent) for c in existing.costs.all()} != self.costs(row)
        return clusters, costs

    def also_changed(self, record, row) -> bool:
        # new clusters or costs alone are a new version of the proposal
        return any(self._links_differ(row))

    def before_write(self, parsed, planned):
        for proposal in planned.new:
            proposal.proposer = self.user

    def after_write(self, parsed, planned):
        proposals = Proposal.objects.in_bulk([row.code for _, row in parsed], field_name="code")
        renewed: list[int] = []
        costs: list[Cost] = []
        for (_line, row), status in zip(parsed, planned.statuses, strict=True):
            if status == UNCHANGED:
                continue
            proposal = proposals[row.code]
            new_clusters, new_costs = self._links_differ(row)
            if new_clusters:
                proposal.clusters.set(self.clusters(row))
            if new_costs:
                renewed.append(proposal.pk)
                costs += [
                    Cost(proposal=proposal, year=year, amount_gbp=amount, recurrent=recurrent)
                    for year, (amount, recurrent) in self.costs(row).items()
                ]
        Cost.objects.filter(proposal_id__in=renewed).delete()
        bulk_create_with_history(costs, Cost, default_user=self.user)


# -- assessments ----------------------------------------------------------------------------------
class AssessmentImporter(Importer):
    kind = "assessments"
    label = gettext_lazy("Proposal assessments")
    columns = (
        Column("proposal", Code(max_length=40)),
        Column("assessor", Text(max_length=150)),
        Column("criterion", Code(max_length=40)),
        Column("value", Text(max_length=10)),
        Column("comment", Text(max_length=4000), required=False),
    )
    key = ("proposal", "assessor", "criterion")
    key_column = "criterion"
    key_message = gettext_lazy("already appears on line %(other)s")
    references = (
        Reference(
            "proposal",
            by_code(lambda: Proposal.objects.select_related("round").prefetch_related("clusters"), seen_proposals),
            gettext_lazy("“%(code)s” is not a known proposal"),
        ),
        Reference(
            "assessor",
            by_code(lambda: get_user_model()._default_manager.all(), field="username"),
            gettext_lazy("“%(code)s” is not a known user"),
        ),
    )
    upsert = Upsert(Score, key=("assignment", "criterion"), fields=("value", "comment"))
    example = (
        {"proposal": "LL-BP", "assessor": "assessor1", "criterion": "QUALITY", "value": "pass", "comment": ""},
        {"proposal": "LL-BP", "assessor": "assessor1", "criterion": "CONTACT", "value": "4", "comment": "Good reach"},
    )

    def check(self, parsed, problems):
        rounds = {p.round_id for p in self.found["proposal"].values()}
        criteria = {(c.round_id, c.code): c for c in Criterion.objects.filter(round_id__in=rounds)}
        for line, row in parsed:
            proposal = self.resolved("proposal", row)
            row.criterion_record = criterion = criteria.get((proposal.round_id, row.criterion))
            if criterion is None:
                message = _("“%(code)s” is not a criterion of round %(round)s")
                problems.append(
                    Problem(line, "criterion", message % {"code": row.criterion, "round": proposal.round.year})
                )
                continue
            value = row.value.lower()
            if criterion.kind == CriterionKind.HURDLE:
                row.score = {"pass": 1, "fail": 0}.get(value)
                if row.score is None:
                    problems.append(Problem(line, "value", _("a hurdle is “pass” or “fail”")))
                    continue
            else:
                row.score = int(value) if value in {"0", "1", "2", "3", "4", "5"} else None
                if row.score is None:
                    problems.append(Problem(line, "value", _("a score is a whole number from 0 to 5")))
                    continue
            if proposal.state == ProposalState.DECIDED:
                problems.append(Problem(line, "proposal", _("%(code)s has been decided") % {"code": row.proposal}))

    def claims(self, parsed):
        panels: dict[str, tuple] = {}
        for line, row in parsed:
            if row.proposal not in panels:
                panels[row.proposal] = tuple(panels_of(self.resolved("proposal", row).clusters.all()))
            yield Claim(line, panels[row.proposal], panels[row.proposal])

    def write(self, parsed):
        """Scores belong to the assessor's assignment to the proposal: made by their first scores,
        and marked submitted by any."""
        pairs = dict.fromkeys((self.resolved("proposal", row), self.resolved("assessor", row)) for _, row in parsed)
        now = timezone.now()
        spec = Upsert(Assignment, key=("proposal", "assessor"), fields=(), also_write=("submitted_at",))
        wanted = [{"proposal": p, "assessor": a, "submitted_at": now} for p, a in pairs]
        assignments = plan(spec, wanted, also_changed=lambda record, _i: record.submitted_at is None)
        for assignment in assignments.changed:
            assignment.submitted_at = now
        save(spec, assignments, self.user)
        self._assignments = {
            (a.proposal_id, a.assessor_id): a
            for a in Assignment.objects.filter(proposal__in={p for p, _a in pairs}, assessor__in={a for _p, a in pairs})
        }
        return super().write(parsed)

    def values(self, row):
        proposal, assessor = self.resolved("proposal", row), self.resolved("assessor", row)
        return {
            "assignment": self._assignments[(proposal.pk, assessor.pk)],
            "criterion": row.criterion_record,
            "value": row.score,
            "comment": row.comment,
        }

    def after_write(self, parsed, planned):
        assessed = [
            proposal
            for proposal in dict.fromkeys(self.resolved("proposal", row) for _, row in parsed)
            if proposal.state in (ProposalState.DRAFT, ProposalState.SUBMITTED)
        ]
        for proposal in assessed:
            proposal.state = ProposalState.ASSESSED
        bulk_update_with_history(assessed, Proposal, ["state"], default_user=self.user)
