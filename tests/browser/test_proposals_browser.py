"""A planning group runs a funding round end to end in a browser: a proposal in through the form,
two assessors score it blind, the panel records a consensus, ranks, decides, creates the project and
downloads the decision letter in Welsh."""

import io
from pathlib import Path

import pytest

from cymuned.orgs.models import Kind, Membership
from cymuned.proposals.importers import CriterionImporter

from .. import factories

CRITERIA = b"""round,health_board,code,name,kind,weight,name_cy
2026-27,7A2,DELIVERABLE,Deliverable and affordable,hurdle,,Cyflawnadwy a fforddiadwy
2026-27,7A2,CONTACT,Contact (access),scored,3,Cyswllt (mynediad)
2026-27,7A2,CONTINUITY,Continuity,scored,1,Parhad
"""


@pytest.mark.django_db(transaction=True)
def test_a_round_end_to_end(page, sign_in, tmp_path: Path):
    from cymuned.portfolio.models import Project
    from cymuned.proposals.models import Proposal, Round

    board = factories.unit(Kind.HEALTH_BOARD, "7A2", name_en="Hywel Dda University Health Board")
    pcpg = factories.unit(Kind.PLANNING_GROUP, "PCPG-CARM", parent=board, name_en="Healthier Carmarthenshire")
    ag = factories.unit(Kind.CLUSTER, "AG", parent=board, name_en="Amman Gwendraeth")
    Membership.objects.create(child=ag, parent=pcpg)
    chair = factories.user("chair", {pcpg: "editor", board: "viewer"})
    proposer = factories.user("proposer", {ag: "editor"})
    assessors = [factories.user("ceri"), factories.user("dafydd")]
    CriterionImporter().run(CRITERIA, "criteria.csv")
    round_ = Round.objects.get()

    # the proposer writes and submits a proposal
    sign_in(proposer)
    page.goto(f"/proposals/rounds/{round_.pk}/new/")
    page.fill("#id_code", "AG-BP")
    page.fill("#id_title_en", "Blood pressure checks in pharmacies")
    page.fill("#id_title_cy", "Gwiriadau pwysedd gwaed mewn fferyllfeydd")
    page.check("input[name=clusters]")
    page.select_option("#id_priority_condition", "hypertension")
    page.check("#id_additional_to_contract")
    page.fill("#id_outcome_measures", "People with blood pressure recorded")
    page.fill("#id_exit_strategy", "Mainstreamed into the pharmacy contract")
    page.fill("#id_first_year_cost", "24000")
    page.fill("#id_years", "3")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("button", name="Submit for assessment").click()
    assert "Submitted" in page.locator("#state").inner_text()

    # the planning group asks two people to assess it
    page.context.clear_cookies()
    sign_in(chair)
    for person in assessors:
        page.goto("/proposals/AG-BP/")
        page.fill("#username", person.username)
        page.get_by_role("button", name="Ask to assess").click()

    # each assessor scores blind, then submits
    for person, contact in zip(assessors, ("1", "4"), strict=True):
        page.context.clear_cookies()
        sign_in(person)
        page.goto("/proposals/AG-BP/")
        assert page.locator("#spread").count() == 0  # nobody's scores before submitting one's own
        page.get_by_role("link", name="Assess this proposal").click()
        page.locator("fieldset, .nhsuk-form-group").first.wait_for()
        for criterion, value in (("DELIVERABLE", "1"), ("CONTACT", contact), ("CONTINUITY", "3")):
            pk = round_.criteria.get(code=criterion).pk
            page.check(f"input[name=c{pk}][value='{value}']")
        page.get_by_role("button", name="Submit my assessment").click()
        assert page.locator("#spread").count() == 1
    assert Proposal.objects.get(code="AG-BP").state == "assessed"

    # the panel sees the spread (1 and 4: a consensus is needed), agrees 3, ranks and decides
    page.context.clear_cookies()
    sign_in(chair)
    page.goto("/proposals/AG-BP/")
    assert "needs consensus" in page.locator("#spread").inner_text()
    contact_pk = round_.criteria.get(code="CONTACT").pk
    page.fill(f"#value-{contact_pk}", "3")
    page.fill(f"#reason-{contact_pk}", "Reach agreed at the panel")
    page.get_by_role("button", name="Record consensus").click()
    page.goto(f"/proposals/rounds/{round_.pk}/?budget=30000")
    # 20 × (3×3 + 1×3) ÷ 4 = 60.00; funded within £30,000
    assert "60.00" in page.locator("#ranking").inner_text()
    assert "funded" in page.locator("#ranking").inner_text()
    page.goto("/proposals/AG-BP/")
    page.check("input[name=decision][value=approved]")
    page.fill("#id_meeting_date", "2026-03-12")
    page.fill("#id_minute_ref", "PCPG/26/14")
    page.fill("#id_decision_reasons", "Good value; targets hypertension")
    page.get_by_role("button", name="Record decision").click()
    page.get_by_role("button", name="Create the project").click()
    page.wait_for_url("**/projects/AG-BP/")
    project = Project.objects.get(code="AG-BP")
    assert project.annual_budget_gbp == 24000 and project.exit_strategy.startswith("Mainstreamed")

    # the letter in Welsh
    page.goto("/proposals/AG-BP/")
    with page.expect_download() as download:
        page.locator("#letters a[href*='letter.docx?language=cy']").click()
    saved = tmp_path / "letter.docx"
    download.value.save_as(saved)
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(saved.read_bytes())).paragraphs)
    assert "Penderfyniad ar eich cynnig" in text and "Cymeradwywyd" in text
