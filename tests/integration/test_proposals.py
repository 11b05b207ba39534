"""Funding rounds end to end: the three importers, `cymuned proposals rank`, the pages, who is refused,
the decision, the project it becomes and the letter; query budgets that do not grow with the rows."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cymuned.imports.base import ImportRejected
from cymuned.orgs.models import Kind, Membership
from cymuned.outcomes.models import Measure
from cymuned.portfolio.models import Project
from cymuned.proposals.importers import AssessmentImporter, CriterionImporter, ProposalImporter
from cymuned.proposals.models import Assignment, Consensus, Criterion, Proposal, Round

from .. import factories

CRITERIA = b"""round,health_board,code,name,kind,weight,name_cy
2026-27,7A2,H,Deliverable,hurdle,,Cyflawnadwy
2026-27,7A2,C1,Contact,scored,2,Cyswllt
2026-27,7A2,C2,Continuity,scored,1,Parhad
"""
PROPOSALS = b"""code,title,clusters,priority_condition,first_year,annual_cost_gbp,years,exit_strategy,additional_to_contract,title_cy
A,Alpha,AG,hypertension,2026-27,"10,000",3,Mainstream,yes,Alffa
B,Beta,AG,diabetes,2026-27,5000,2,Stop,yes,Beta
C,Gamma,AG,asthma,2026-27,0,1,Stop,yes,Gama
"""
# The worked example of cymuned/proposals/ranking.py, as assessments
ASSESSMENTS = b"""proposal,assessor,criterion,value
A,a1,H,pass
A,a2,H,pass
A,a3,H,fail
A,a1,C1,4
A,a2,C1,5
A,a3,C1,3
A,a1,C2,3
A,a2,C2,3
A,a3,C2,3
B,a1,H,pass
B,a2,H,fail
B,a1,C1,5
B,a2,C1,5
B,a1,C2,1
B,a2,C2,1
C,a1,H,pass
C,a2,H,pass
C,a3,H,pass
C,a1,C1,2
C,a2,C1,2
C,a3,C1,2
C,a1,C2,5
C,a2,C2,5
C,a3,C2,5
"""


@pytest.fixture
def panel(world):
    """Carmarthenshire's planning group above Amman Gwendraeth, its editor, and three assessors."""
    pcpg = factories.unit(Kind.PLANNING_GROUP, "PCPG-CARM", parent=world.hywel_dda)
    Membership.objects.create(child=world.ag, parent=pcpg)
    chair = factories.user("chair", {pcpg: "editor"})
    assessors = [factories.user(name) for name in ("a1", "a2", "a3")]
    proposer = factories.user("proposer", {world.ag: "editor"})
    return pcpg, chair, assessors, proposer


def load(world, panel):
    _pcpg, chair, _assessors, proposer = panel
    CriterionImporter(world.editor).run(CRITERIA, "criteria.csv")
    ProposalImporter(proposer).run(PROPOSALS, "proposals.csv")
    Proposal.objects.update(state="submitted")
    AssessmentImporter(chair).run(ASSESSMENTS, "assessments.csv")
    return Round.objects.get()


def test_imports_then_rank_as_json_by_hand(world, panel, tmp_path):
    round_ = load(world, panel)
    assert [c.code for c in Criterion.objects.filter(round=round_)] == ["H", "C1", "C2"]
    assert Proposal.objects.get(code="A").first_year_cost() == Decimal("10000.00")
    out = io.StringIO()
    call_command(
        "proposals",
        "rank",
        "--round",
        "2026-27",
        "--budget",
        "10000",
        "--sensitivity",
        "50",
        "--format",
        "json",
        stdout=out,
    )
    document = json.loads(out.getvalue())
    assert set(document) == {
        "round",
        "budget_gbp",
        "criteria",
        "proposals",
        "funded_total_gbp",
        "remaining_gbp",
        "release_candidates",
    }
    assert document["criteria"][1] == {"code": "C1", "kind": "scored", "weight": "2.00"}
    rows = {p["code"]: p for p in document["proposals"]}
    # by hand in cymuned/proposals/ranking.py: B 73.33 (fails H: a tie), A 73.33, C 60.00
    assert [p["code"] for p in document["proposals"]] == ["B", "A", "C"]
    assert rows["A"]["score"] == "73.33" and rows["C"]["score"] == "60.00"
    assert rows["B"]["failed_hurdles"] == ["H"] and rows["B"]["passes_hurdles"] is False
    assert (rows["A"]["rank_best"], rows["A"]["rank_worst"], rows["A"]["sensitive"]) == (1, 2, True)
    assert rows["C"]["score_per_1000_gbp"] is None and rows["A"]["score_per_1000_gbp"] == "7.33"
    assert {p["code"] for p in document["proposals"] if p["funded"]} == {"A", "C"}
    assert document["funded_total_gbp"] == "10000.00" and document["remaining_gbp"] == "0.00"
    # the same file again changes nothing
    assert str(AssessmentImporter(panel[1]).run(ASSESSMENTS, "a.csv")).endswith("0 updated, 24 unchanged")
    csv_out = io.StringIO()
    call_command("proposals", "rank", "--round", "2026-27", "--format", "csv", stdout=csv_out)
    assert csv_out.getvalue().splitlines()[0].startswith("rank,code,score,passes_hurdles")


def test_a_consensus_decides_the_hurdle(world, panel):
    round_ = load(world, panel)
    Consensus.objects.create(
        proposal=Proposal.objects.get(code="B"), criterion=round_.criteria.get(code="H"), value=1, reason="agreed"
    )
    out = io.StringIO()
    call_command("proposals", "rank", "--round", "2026-27", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["proposals"][0] == {
        **json.loads(out.getvalue())["proposals"][0],
        "code": "B",
        "passes_hurdles": True,
    }


def test_rank_refuses_bad_options(world, panel):
    with pytest.raises(CommandError, match="no funding round"):
        call_command("proposals", "rank", "--round", "2026-27", "--format", "json")
    load(world, panel)
    with pytest.raises(CommandError):
        call_command("proposals", "rank", "--round", "2026-27", "--budget", "lots", "--format", "json")
    with pytest.raises(CommandError):
        call_command("proposals", "rank", "--round", "2026-27", "--sensitivity", "150", "--format", "json")


def test_bad_rows_name_line_and_column_and_write_nothing(world, panel):
    CriterionImporter(world.editor).run(CRITERIA, "criteria.csv")
    bad = b"""code,title,clusters,priority_condition,first_year,annual_cost_gbp,years,exit_strategy,additional_to_contract
X,Xray,AG,,2026-27,100,1,Stop,yes
Y,Yankee,ZZ,asthma,2026-27,100,1,Stop,maybe
"""
    with pytest.raises(ImportRejected) as rejected:
        ProposalImporter(panel[3]).run(bad, "p.csv")
    text = str(rejected.value)
    assert "line 2" in text and "priority_condition" in text
    assert "line 3" in text and "additional_to_contract" in text
    assert not Proposal.objects.exists()
    weightless = b"round,health_board,code,name,kind,weight\n2026-27,7A2,S,Scored,scored,\n"
    with pytest.raises(ImportRejected, match="weight"):
        CriterionImporter(world.editor).run(weightless, "c.csv")


def test_who_may_import(world, panel):
    with pytest.raises(ImportRejected):  # criteria: editors of the board only
        CriterionImporter(world.viewer).run(CRITERIA, "criteria.csv")
    CriterionImporter(world.editor).run(CRITERIA, "criteria.csv")
    with pytest.raises(ImportRejected):  # another board's editor may not propose for Amman Gwendraeth
        ProposalImporter(world.other_editor).run(PROPOSALS, "p.csv")
    ProposalImporter(panel[3]).run(PROPOSALS, "p.csv")
    with pytest.raises(ImportRejected):  # the proposer does not enter the panel's assessments
        AssessmentImporter(panel[3]).run(ASSESSMENTS, "a.csv")


def test_pages_and_who_is_refused(client, world, panel):
    round_ = load(world, panel)
    _pcpg, chair, assessors, proposer = panel
    client.force_login(world.outsider)
    assert client.get("/proposals/A/").status_code == 404
    assert client.get(f"/proposals/rounds/{round_.pk}/").status_code == 404
    client.force_login(world.ag_viewer)  # a cluster viewer is not on the panel
    assert client.get("/proposals/A/").status_code == 404
    client.force_login(proposer)
    page = client.get("/proposals/A/").content.decode()
    assert "Alpha" in page and "a2: " not in page  # the proposer does not see assessors' scores
    assert client.post("/proposals/A/decide/", {}).status_code == 403
    client.force_login(world.viewer)  # a viewer of the board sees the ranking with the rules in words
    page = client.get(f"/proposals/rounds/{round_.pk}/?budget=10000&sensitivity=50").content.decode()
    assert "a tie fails" in page.lower() and "73.33" in page and "sensitive to weights" in page
    assert client.post("/proposals/A/decide/", {}).status_code == 403


def test_blind_assessment(client, world, panel):
    round_ = load(world, panel)
    fresh = factories.user("a4")
    Assignment.objects.create(proposal=Proposal.objects.get(code="A"), assessor=fresh)
    client.force_login(fresh)
    page = client.get("/proposals/A/").content.decode()
    assert "a1: " not in page  # others' scores are hidden until the assessor submits
    form = {f"c{c.pk}": "1" if c.kind == "hurdle" else "3" for c in round_.criteria.all()}
    client.post("/proposals/A/assess/", {**form, "submit": "1"})
    assert "a1: " in client.get("/proposals/A/").content.decode()


def test_asking_a_person_to_assess_names_a_refused_user_name_beside_the_field(client, world, panel):
    load(world, panel)
    client.force_login(panel[1])  # the chair
    for bad in ("", "nobody-of-that-name", "x" * 151):
        response = client.post("/proposals/A/assessors/", {"username": bad})
        assert response.status_code == 400 and 'id="username-error"' in response.content.decode(), bad
    fresh = factories.user("a5")
    assert client.post("/proposals/A/assessors/", {"username": "a5"}).status_code == 302
    assert Assignment.objects.filter(proposal__code="A", assessor=fresh).exists()


def test_decision_project_and_letter(client, world, panel):
    load(world, panel)
    chair = panel[1]
    proposal = Proposal.objects.get(code="A")
    proposal.outcome_measures = "Patients with blood pressure recorded\nReferrals avoided"
    proposal.save()
    client.force_login(chair)
    response = client.post(
        "/proposals/A/decide/",
        {
            "decision": "approved",
            "meeting_date": "2026-03-12",
            "minute_ref": "PCPG/26/14",
            "decision_reasons": "Good value",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == "decided" and proposal.decision == "approved"
    client.post("/proposals/A/project/")
    project = Project.objects.get(code="A")
    assert project.annual_budget_gbp == Decimal("10000.00") and project.exit_strategy == "Mainstream"
    assert list(project.clusters.all()) == [world.ag] and project.priority_condition == "hypertension"
    assert Measure.objects.filter(project=project).count() == 2
    assert project.end_date.isoformat() == "2029-03-31"  # three years from 2026-27
    word = client.get("/proposals/A/letter.docx?language=cy")
    assert word.status_code == 200 and word.content[:2] == b"PK"
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    assert "Penderfyniad" in text
    pdf = client.get("/proposals/A/letter.pdf?language=both")
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    client.force_login(world.outsider)
    assert client.get("/proposals/A/letter.pdf").status_code == 404


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_query_budgets_do_not_grow_with_proposals(client, world, panel, django_assert_max_num_queries):
    round_ = load(world, panel)
    client.force_login(world.viewer)
    paths = ["/proposals/", f"/proposals/rounds/{round_.pk}/"]
    before = {path: _queries(client, path) for path in paths}
    more = "\n".join(f"P{i},Proposal {i},AG,asthma,2026-27,{1000 * i},1,Stop,yes" for i in range(10)).encode()
    ProposalImporter(panel[3]).run(PROPOSALS.splitlines()[0] + b"\n" + more, "more.csv")
    Proposal.objects.update(state="submitted")
    for path in paths:
        with django_assert_max_num_queries(before[path]):
            client.get(path)


def test_the_need_links_to_population_indicators(client, world, panel):
    """Issue 15 item 1: the need links to population indicators when those exist. The codes are those of
    the shipped Key Indicator Dashboard definitions (cymuned/indicators/definitions/indicators-v1.json)."""
    from cymuned.indicators.definitions import shipped
    from cymuned.indicators.loading import load as load_indicators

    _pcpg, _chair, assessors, proposer = panel
    CriterionImporter(world.editor).run(CRITERIA, "criteria.csv")
    # no indicators loaded: the form has no such field
    client.force_login(proposer)
    round_ = Round.objects.get()
    assert "need_indicators" not in client.get(f"/proposals/rounds/{round_.pk}/new/").content.decode()
    load_indicators(shipped())
    header = b"code,title,clusters,priority_condition,first_year,annual_cost_gbp,years,exit_strategy,"
    header += b"additional_to_contract,need_indicators\n"
    bad = header + b"A,Alpha,AG,hypertension,2026-27,100,1,Stop,yes,hypertension;blood-pressure\n"
    with pytest.raises(ImportRejected) as refused:
        ProposalImporter(proposer).run(bad, "proposals.csv")
    assert any(
        p.line == 2 and p.column == "need_indicators" and "blood-pressure" in p.message for p in refused.value.problems
    )
    assert not Proposal.objects.exists()
    good = header + b"A,Alpha,AG,hypertension,2026-27,100,1,Stop,yes,Hypertension; aged-65-plus;hypertension\n"
    ProposalImporter(proposer).run(good, "proposals.csv")
    assert Proposal.objects.get().need_indicators == ["hypertension", "aged-65-plus"]
    page = client.get("/proposals/A/").content.decode()
    assert 'id="need-indicators"' in page and "/indicators/AG/#indicators" in page
    assert 'id="need-trends"' in page  # no register counts yet: each named, with no figures
    form = client.get("/proposals/A/edit/").content.decode()
    assert 'name="need_indicators" value="hypertension"' in form and "checked" in form
    response = client.post(
        "/proposals/A/edit/",
        {
            "title_en": "Alpha",
            "clusters": [world.ag.pk],
            "need_indicators": ["diabetes"],
            "priority_condition": "hypertension",
            "additional_to_contract": "on",
            "exit_strategy": "Stop",
            "first_year_cost": "100",
            "years": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Proposal.objects.get().need_indicators == ["diabetes"]
    # an assessor with no role sees the indicator but no link to a dashboard they may not open
    Assignment.objects.create(proposal=Proposal.objects.get(), assessor=assessors[0])
    client.force_login(assessors[0])
    page = client.get("/proposals/A/").content.decode()
    assert "Diabetes" in page and "/indicators/AG/" not in page
    client.force_login(world.outsider)
    assert client.get("/proposals/A/").status_code == 404
