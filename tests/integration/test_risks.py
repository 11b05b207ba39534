"""The risk register: the Datix import, the `risks` command, the pages and the committee paper's field."""

import io
import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from cymuned.imports.base import ImportRejected
from cymuned.periods import local_date
from cymuned.reports.models import Committee
from cymuned.risks.importers import RiskImporter
from cymuned.risks.models import DatixUnit, Risk, RiskAction

from .. import factories

# A Datix export as the register downloads it: Datix's own headers and spacing, day-first dates,
# "Handler" and "Directorate" rather than owner and unit.
HEADER = (
    "ID,Title,Description,Handler,Directorate,Opened date,Likelihood (current),Consequence (current),"
    "Rating (current),Likelihood (target),Consequence (target),Review date,Status\n"
)
GOOD = (
    "1937,Risk of Enforcement Notice being served,Fire safety,Head of Primary Care,Primary Care,01/04/2024,2,4,8,1,4,31/12/2026,Open\n"
    "1869,Risk of NHS Dental Services not achieving Patient Charge,,Dental lead,AG,2024-05-01,2,3,6,1,3,2026-01-01,Awaiting review\n"
)


def run(text: str, user=None):
    return RiskImporter(user=user).run(text.encode(), "datix.csv")


@pytest.fixture
def mapped(world):
    DatixUnit.objects.create(datix_name="Primary  Care", unit=world.hywel_dda)
    return world


def test_a_datix_export_is_read_with_its_own_headers(mapped):
    outcome = run(HEADER + GOOD)
    assert (outcome.created, outcome.updated) == (2, 0)
    risk = Risk.objects.get(reference="1937")
    # "Primary Care" maps through the table (case and spacing ignored); "AG" is a unit code itself
    assert risk.unit == mapped.hywel_dda and Risk.objects.get(reference="1869").unit == mapped.ag
    assert (risk.score, risk.band.key, risk.target_score) == (8, "high", 4)
    assert risk.opened == date(2024, 4, 1) and risk.owner == "Head of Primary Care"
    assert Risk.objects.get(reference="1869").status == "open"  # Datix's "Awaiting review" is open
    assert run(HEADER + GOOD).unchanged == 2  # the same file again changes nothing


def test_a_realistic_export_with_bad_rows_is_refused_whole_naming_each_row(mapped):
    bad = (
        HEADER
        + GOOD
        + "1451,Rating wrong,,Owner,Primary Care,,2,3,9,1,3,,Open\n"  # line 4: 2 × 3 is 6, not 9
        + "1708,Unknown unit,,Owner,Estates,,2,3,6,1,3,,Open\n"  # line 5: no mapping for Estates
        + "1823,Off the scale,,Owner,AG,,6,3,,1,3,,Open\n"  # line 6: likelihood 6
        + "1951,Bad date,,Owner,AG,,2,3,6,1,3,31/02/2026,Open\n"  # line 7: no 31 February
        + "1937,Twice,,Owner,AG,,2,4,8,1,4,,Open\n"  # line 8: 1937 again
    )
    with pytest.raises(ImportRejected) as refused:
        run(bad)
    text = str(refused.value)
    assert "line 4, column “rating_current”: the rating 9 is not likelihood 2 × consequence 3 = 6" in text
    assert "line 5, column “unit”: “Estates” is neither a unit code nor a Datix unit" in text
    assert "line 6, column “likelihood_current”" in text
    assert "line 7, column “review_date”" in text
    assert "line 8, column “id”: 1937 already appears on line 2" in text
    assert not Risk.objects.exists()


def test_a_changed_score_is_kept_in_the_history_shown_on_the_risk_page(client, mapped):
    run(HEADER + GOOD)
    run(HEADER + GOOD.replace(",2,4,8,1,4,", ",3,4,12,1,4,"))
    client.force_login(mapped.viewer)
    page = client.get("/risks/1937/").content.decode()
    history = page[page.index('id="score-history"') :]
    assert history.index("3 × 4 = 12") < history.index("2 × 4 = 8")  # newest first
    assert "High" in history


def test_importing_into_another_boards_unit_is_refused(mapped):
    with pytest.raises(ImportRejected) as refused:
        run(HEADER + GOOD, user=mapped.other_editor)
    assert "Hywel Dda" not in str(refused.value)  # a unit they may not see reads as unknown
    run(HEADER + GOOD, user=mapped.editor)


def _risk(unit, reference, likelihood, consequence, review=None, **fields):
    return Risk.objects.create(
        reference=reference,
        title=f"Risk {reference}",
        unit=unit,
        likelihood=likelihood,
        consequence=consequence,
        target_likelihood=1,
        target_consequence=consequence,
        review_date=review,
        **fields,
    )


def test_command_gives_the_units_risks_and_those_beneath(world):
    today = local_date()
    _risk(world.hywel_dda, "1937", 2, 4, today - timedelta(days=1))
    _risk(world.ag, "572", 2, 4, today + timedelta(days=30))  # AG lies beneath Hywel Dda
    _risk(world.mid_powys, "9", 5, 5)  # Powys: not beneath
    _risk(world.ag, "576", 2, 3, status="closed")
    out = io.StringIO()
    call_command("risks", "--unit", "7A2", "--format", "json", stdout=out)
    found = json.loads(out.getvalue())
    assert set(found) == {"unit", "risks", "heat_map", "overdue"}
    assert found["unit"] == "7A2" and found["overdue"] == 1
    assert [r["reference"] for r in found["risks"]] == ["1937", "572"]
    assert set(found["risks"][0]) == {"reference", "title", "score", "band", "target_score", "review_date", "overdue"}
    assert found["risks"][0]["score"] == 8 and found["risks"][0]["band"] == "high" and found["risks"][0]["overdue"]
    assert found["heat_map"]["2x4"] == 2 and sum(found["heat_map"].values()) == 2


def test_command_on_an_earlier_date_reads_the_register_as_it_stood(world):
    risk = _risk(world.ag, "1937", 2, 4)
    Risk.history.filter(id=risk.pk).update(history_date="2025-01-01T12:00:00Z")
    out = io.StringIO()
    call_command("risks", "--unit", "AG", "--on", "2024-12-31", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["risks"] == []
    out = io.StringIO()
    call_command("risks", "--unit", "AG", "--on", "2025-01-02", "--format", "json", stdout=out)
    assert [r["reference"] for r in json.loads(out.getvalue())["risks"]] == ["1937"]


def test_heat_map_cells_link_to_the_risks_they_count(client, world):
    _risk(world.ag, "1937", 2, 4)
    _risk(world.ag, "1869", 2, 3)
    client.force_login(world.viewer)
    page = client.get("/risks/").content.decode()
    current = page[page.index('id="heat-map-current"') : page.index('id="heat-map-target"')]
    assert "view=current&amp;l=2&amp;c=4#register" in current
    assert '1 risk<span class="nhsuk-u-visually-hidden"> with likelihood 2 and consequence 4' in current
    assert "8 high" in current and "25 extreme" in current and "3 low" in current  # zones named in words
    chosen = client.get("/risks/", {"view": "current", "l": 2, "c": 4}).content.decode()
    register = chosen[chosen.index('id="risks"') :]
    assert "Risk 1937" in register and "Risk 1869" not in register
    moderate = client.get("/risks/", {"band": "moderate"}).content.decode()
    assert "Risk 1869" in moderate[moderate.index('id="risks"') :]
    assert "Risk 1937" not in moderate[moderate.index('id="risks"') :]


def test_register_filters_by_unit_owner_and_overdue_review(client, world):
    today = local_date()
    _risk(world.ag, "1", 2, 4, today - timedelta(days=3), owner="Alice")
    _risk(world.ll, "2", 2, 4, today + timedelta(days=3), owner="Bob")
    client.force_login(world.viewer)

    def listed(**query):
        page = client.get("/risks/", query).content.decode()
        return {ref for ref in ("Risk 1<", "Risk 2<") if ref in page[page.index('id="risks"') :]}

    assert listed(unit="AG") == {"Risk 1<"}
    assert listed(owner="Bob") == {"Risk 2<"}
    assert listed(overdue="yes") == {"Risk 1<"}


def test_who_is_refused(client, world):
    risk = _risk(world.mid_powys, "77", 2, 4)
    RiskAction.objects.create(risk=risk, description="Fit doors", owner="Estates")
    client.force_login(world.outsider)
    assert client.get("/risks/").status_code == 403
    client.force_login(world.viewer)  # Hywel Dda's viewer: Powys's risk is not theirs
    assert client.get("/risks/77/").status_code == 403
    assert "Risk 77" not in client.get("/risks/").content.decode()
    client.force_login(world.other_editor)
    page = client.get("/risks/77/").content.decode()
    assert "Fit doors" in page
    assert client.get("/risks/nope/").status_code == 404


def test_project_page_lists_its_risks(client, world):
    project = factories.project("AG-RISK", [world.ag])
    _risk(world.ag, "1820", 2, 4, project=project)
    client.force_login(world.viewer)
    page = client.get("/projects/AG-RISK/").content.decode()
    assert 'href="/risks/1820/"' in page and "1820 – Risk 1820" in page


def test_the_papers_datix_field_is_filled_from_the_register(world):
    for reference, title, (likelihood, consequence) in [
        ("1869", "Risk of NHS Dental Services not achieving Patient Charge", (2, 3)),
        ("1937", "Risk of Enforcement Notice being served", (2, 4)),
    ]:
        Risk.objects.create(
            reference=reference,
            title=title,
            unit=world.ag,
            likelihood=likelihood,
            consequence=consequence,
            target_likelihood=1,
            target_consequence=consequence,
        )
    committee = Committee.objects.create(
        health_board=world.hywel_dda, name_en="Board", name_cy="Bwrdd", title_en="T", title_cy="T"
    )
    Risk.objects.create(
        reference="NO-DATIX-1",
        title="Risk of not achieving savings targets",
        unit=world.ag,
        likelihood=2,
        consequence=3,
        target_likelihood=1,
        target_consequence=3,
        without_datix_id=True,
    )
    # seed 000's form, the highest score first; a risk without a Datix ID by its title alone
    assert committee.meeting().details["datix_risk"]["en"] == (
        "1937 – Risk of Enforcement Notice being served (8)\n"
        "1869 – Risk of NHS Dental Services not achieving Patient Charge (6)\n"
        "Risk of not achieving savings targets (6)"
    )
    committee.paper_details = {"datix_risk": {"en": "Not Applicable"}}
    assert committee.meeting().details["datix_risk"]["en"] == "Not Applicable"  # what a committee wrote stays


def test_demo_loads_the_seeds_risks_with_their_printed_scores(db):
    call_command("setup-demo", stdout=io.StringIO())
    risks = {r.reference: r for r in Risk.objects.all()}
    assert len(risks) == 25  # seed 000 cites 25 risks; one has no Datix ID
    assert [r for r in risks if risks[r].without_datix_id] == ["NO-DATIX-1"]
    assert risks["NO-DATIX-1"].score == 6 and risks["NO-DATIX-1"].title.startswith("Risk of not achieving savings")
    # the paper's field cites it as the seed does, by its title alone
    from cymuned.risks.paper import datix_field

    lines = datix_field(risks["1937"].unit).splitlines()
    assert len(lines) == 25 and "Risk of not achieving savings targets due to continued expenditure " in lines[-1]
    assert lines[-1].startswith("Risk of not") and lines[-1].endswith("(6)")
    assert risks["1937"].score == 8 and risks["1869"].score == 6 and risks["1427"].score == 8
    assert all(r.scores_assumed for r in risks.values())
