"""The proposal importers' refusals, each naming its line and column, and their updates: the criteria,
proposals and assessments files of a funding round (issue 15), read by the declarative base (issue 11)."""

import pytest

from cymuned.imports.base import ImportRejected
from cymuned.proposals.importers import AssessmentImporter, CriterionImporter, ProposalImporter
from cymuned.proposals.models import Criterion, Proposal

from .test_proposals import ASSESSMENTS, CRITERIA, PROPOSALS, panel  # noqa: F401  (the fixture)


def refused(importer, text: bytes) -> list[tuple[int, str, str]]:
    with pytest.raises(ImportRejected) as rejected:
        importer.run(text, "file.csv")
    return [(p.line, p.column, p.message) for p in rejected.value.problems]


def has(problems, line: int, column: str, words: str) -> bool:
    return any(p[0] == line and p[1] == column and words in p[2] for p in problems)


def test_criteria_refusals_name_line_and_column(world, panel):  # noqa: F811
    header = b"round,health_board,code,name,kind,weight\n"
    problems = refused(
        CriterionImporter(world.editor),
        header
        + b"2026-28,7A2,A,Alpha,hurdle,\n"  # not a financial year
        + b"2026-27,7A2,B,Beta,hurdle,3\n"  # a hurdle has no weight
        + b"2026-27,ZZZ,C,Gamma,scored,1\n"  # no such board
        + b"2026-27,7A2,D,Delta,scored,1\n"
        + b"2026-27,7A2,D,Delta again,scored,2\n",  # the same code twice
    )
    assert has(problems, 2, "round", "not a financial year")
    assert has(problems, 3, "weight", "a hurdle has no weight")
    assert has(problems, 4, "health_board", "not a known health board")
    assert has(problems, 6, "code", "already appears on line 5")
    assert not Criterion.objects.exists()
    # without a health board column the round's board must be known already
    problems = refused(CriterionImporter(world.editor), b"round,code,name,kind,weight\n2030-31,A,Alpha,hurdle,\n")
    assert has(problems, 2, "health_board", "name the health board of round 2030-31")


def test_criteria_update_and_stay_unchanged_and_keep_their_kind_once_scored(world, panel):  # noqa: F811
    _pcpg, chair, _assessors, proposer = panel
    CriterionImporter(world.editor).run(CRITERIA, "criteria.csv")
    again = CriterionImporter(world.editor).run(CRITERIA, "criteria.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    renamed = CRITERIA.replace(b"Contact,scored,2", b"Contact and access,scored,3")
    changed = CriterionImporter(world.editor).run(renamed, "criteria.csv")
    assert changed.updated == 1 and Criterion.objects.get(code="C1").name_en == "Contact and access"
    ProposalImporter(proposer).run(PROPOSALS, "proposals.csv")
    Proposal.objects.update(state="submitted")
    AssessmentImporter(chair).run(ASSESSMENTS, "assessments.csv")
    problems = refused(
        CriterionImporter(world.editor), CRITERIA.replace(b"H,Deliverable,hurdle,", b"H,Deliverable,scored,1")
    )
    assert has(problems, 2, "kind", "has been assessed already")


def test_proposal_refusals_name_line_and_column(world, panel):  # noqa: F811
    _pcpg, _chair, _assessors, proposer = panel
    CriterionImporter(world.editor).run(CRITERIA, "criteria.csv")
    header = PROPOSALS.splitlines()[0] + b"\n"
    problems = refused(
        ProposalImporter(proposer),
        header
        + b"A,Alpha,AG,hypertension,2026-27,100,1,Stop,yes,\n"
        + b"A,Alpha again,AG,hypertension,2026-27,100,1,Stop,yes,\n"  # the same code twice
        + b"B,Beta,ZZ,asthma,2026-27,100,1,Stop,yes,\n"  # no such cluster
        + b"C,Gamma,AG,asthma,2027-28,100,1,Stop,yes,\n",  # no round for that year
    )
    assert has(problems, 3, "code", "already appears on line 2")
    assert has(problems, 4, "clusters", "not a known cluster code")
    assert has(problems, 5, "first_year", "has no funding round for 2027-28")
    assert not Proposal.objects.exists()
    ProposalImporter(proposer).run(PROPOSALS, "proposals.csv")
    Proposal.objects.filter(code="A").update(state="submitted")
    problems = refused(ProposalImporter(proposer), PROPOSALS)
    assert has(problems, 2, "code", "has been submitted")


def test_assessment_refusals_name_line_and_column(world, panel):  # noqa: F811
    _pcpg, chair, _assessors, proposer = panel
    CriterionImporter(world.editor).run(CRITERIA, "criteria.csv")
    ProposalImporter(proposer).run(PROPOSALS, "proposals.csv")
    Proposal.objects.update(state="submitted")
    problems = refused(
        AssessmentImporter(chair),
        b"proposal,assessor,criterion,value\n"
        + b"ZZ,a1,H,pass\n"  # no such proposal
        + b"A,nobody,H,pass\n"  # no such user
        + b"A,a1,NOPE,pass\n"  # not a criterion of the round
        + b"A,a1,H,maybe\n"  # a hurdle is pass or fail
        + b"A,a1,C1,7\n"  # a score is 0 to 5
        + b"A,a2,C1,3\n"
        + b"A,a2,C1,4\n",  # the same assessor and criterion twice
    )
    assert has(problems, 2, "proposal", "not a known proposal")
    assert has(problems, 3, "assessor", "not a known user")
    assert has(problems, 4, "criterion", "not a criterion of round 2026-27")
    assert has(problems, 5, "value", "a hurdle is “pass” or “fail”")
    assert has(problems, 6, "value", "a whole number from 0 to 5")
    assert has(problems, 8, "criterion", "already appears on line 7")
    Proposal.objects.filter(code="A").update(state="decided", decision="approved")
    problems = refused(AssessmentImporter(chair), b"proposal,assessor,criterion,value\nA,a1,H,pass\n")
    assert has(problems, 2, "proposal", "has been decided")
