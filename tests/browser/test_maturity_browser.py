"""A maturity and peer review cycle in the browser: ratings imported, the agreed stage recorded, the radar
chart drawn, the draw made by a national administrator, the letter downloaded and an action closed;
axe-core finds no violation on any page of the cycle."""

import io

import pytest
from django.core.management import call_command

from .. import factories
from .accessibility import axe

RATINGS = (
    "unit,cycle,domain,rater,stage,evidence\n"
    "AG,2026-27,leadership,A,1,x\nAG,2026-27,leadership,B,3,y\nAG,2026-27,leadership,C,2,z\n"
    "AG,2026-27,governance,A,2,x\nAG,2026-27,governance,B,2,y\n"
)


@pytest.mark.django_db(transaction=True)
def test_a_cycle_from_ratings_to_a_closed_action(page, sign_in):
    call_command("load-reference", stdout=io.StringIO())
    from cymuned.maturity.importers import MaturityImporter
    from cymuned.maturity.loading import load_shipped
    from cymuned.orgs.models import OrgUnit
    from cymuned.peerreview.models import Action

    load_shipped()
    MaturityImporter().run(RATINGS.encode(), "ratings.csv")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    violations: list[str] = []

    def check():
        violations.extend(f"{page.url}: {v}" for v in axe(page))

    sign_in(factories.user("hd-editor", {OrgUnit.objects.get(code="7A2"): "editor"}))
    page.goto("/maturity/AG/2026-27/")
    page.locator("#radar-0 svg").wait_for()
    assert "raters disagree" in page.locator("tr[data-domain=leadership]").inner_text()
    check()
    page.check("#kind-consensus")
    page.select_option("#domain", label="Governance")
    page.select_option("#stage", "2")
    page.fill("#rater", "Workshop")
    page.fill("#text", "Terms of reference agreed")
    page.get_by_role("button", name="Save").click()
    assert "Terms of reference agreed" in page.locator("tr[data-domain=governance]").inner_text()
    page.goto("/maturity/?cycle=2026-27")
    check()

    page.context.clear_cookies()
    sign_in(factories.user("national", {OrgUnit.objects.get(code="WAL"): "administrator"}))
    page.goto("/peer-review/draw/?cycle=2026-27")
    page.fill("#seed", "7")
    page.fill("#on", "2026-04-01")
    page.get_by_role("button", name="Draw and record").click()
    assert "seed 7" in page.content()
    check()
    page.goto("/peer-review/?cycle=2026-27")
    check()
    page.locator("#draw-lines a").first.click()
    page.fill("#chair", "Independent Chair")
    page.get_by_role("button", name="Save the discussion").click()
    page.fill("#text", "Brief cluster leads on the criteria for mainstreaming")
    page.fill("#owner", "Deputy Director")
    page.fill("#organisation", "Health board")
    page.fill("#due", "2026-09-30")
    page.get_by_role("button", name="Add the action").click()
    check()
    assert "overdue" in page.locator("#actions").inner_text() or Action.objects.get().due is not None
    with page.expect_download() as download:
        page.get_by_role("link", name="Word (English)").click()
    assert download.value.suggested_filename.endswith("-en.docx")
    page.select_option("select[name=status]", "done")
    page.get_by_role("button", name="Update").click()
    assert Action.objects.get().status == "done"
    assert "Done" in page.locator("#actions").inner_text()
    check()
    page.goto("/peer-review/themes/?cycle=2026-27")
    check()
    assert not errors, errors
    assert not violations, violations
