import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cymuned.outcomes import links
from cymuned.outcomes.models import ExpectedReturn, Measure, MeasureValue, Provider

from .. import factories


@pytest.fixture
def setup(world):
    pain = factories.project("AG-PAIN", [world.ag], name="Persistent Pain Service")
    other = factories.project("LL-MIND", [world.ll], name="Mind Llanelli")
    provider = Provider.objects.create(name="Pain team", email="pain@example.invalid")
    measure = Measure.objects.create(
        project=pain, code="referrals", name_en="Referrals", name_cy="Atgyfeiriadau", kind="count"
    )
    Measure.objects.create(
        project=pain,
        code="reasons",
        name_en="Reasons",
        name_cy="Rhesymau",
        kind="categories",
        categories=[
            {"key": "back", "en": "Back pain", "cy": "Poen cefn"},
            {"key": "neck", "en": "Neck pain", "cy": "Poen gwddf"},
        ],
    )
    expected = ExpectedReturn.objects.create(
        project=pain, provider=provider, period="2025-26-Q1", due=date(2025, 7, 31)
    )
    other_expected = ExpectedReturn.objects.create(
        project=other, provider=provider, period="2025-26-Q1", due=date(2025, 7, 31)
    )
    return {
        "pain": pain,
        "other": other,
        "measure": measure,
        "expected": expected,
        "other_expected": other_expected,
    }


@time_machine.travel(datetime(2025, 7, 20, 12, 0, tzinfo=timezone.get_fixed_timezone(0)))
def test_a_link_opens_one_return_and_nothing_else(client, setup):
    token = links.issue(setup["expected"])
    url = reverse("provide", args=[token])
    assert client.get(url).status_code == 200
    response = client.post(url, {f"m{setup['measure'].pk}": "12"})
    assert response.status_code == 200 and MeasureValue.objects.get().value == Decimal(12)
    for other in (
        "/projects/",
        "/outcomes/",
        "/api/v1/projects",
        f"/projects/{setup['other'].code}/",
        "/admin/",
    ):
        assert client.get(other).status_code in (302, 401), other
    assert client.get(reverse("provide", args=[token[:-1] + ("A" if token[-1] != "A" else "B")])).status_code == 404
    Measure.objects.create(
        project=setup["other"], code="sessions", name_en="Sessions", name_cy="Sesiynau", kind="count"
    )
    other_token = links.issue(setup["other_expected"])
    assert other_token != token
    response = client.post(reverse("provide", args=[other_token]), {f"m{setup['measure'].pk}": "99"})
    assert MeasureValue.objects.get().value == Decimal(12)  # the other project's form has no such field


def test_link_expires_and_can_be_revoked(client, setup):
    with time_machine.travel(datetime(2025, 7, 20, tzinfo=timezone.get_fixed_timezone(0))):
        token = links.issue(setup["expected"])
        assert client.get(reverse("provide", args=[token])).status_code == 200
    with time_machine.travel(datetime(2025, 7, 31) + timedelta(days=links.GRACE_DAYS + 1)):
        assert client.get(reverse("provide", args=[token])).status_code == 410  # gone: the page says why
    with time_machine.travel(datetime(2025, 7, 20, tzinfo=timezone.get_fixed_timezone(0))):
        links.revoke(setup["expected"].links.get())
        assert client.get(reverse("provide", args=[token])).status_code == 410


@time_machine.travel(datetime(2025, 7, 20, 12, 0, tzinfo=timezone.get_fixed_timezone(0)))
def test_bad_values_save_nothing_and_corrections_are_kept_in_history(client, setup):
    token = links.issue(setup["expected"])
    url = reverse("provide", args=[token])
    reasons = Measure.objects.get(code="reasons")
    response = client.post(url, {f"m{setup['measure'].pk}": "-3", f"m{reasons.pk}-back": "4"})
    assert response.status_code == 400 and not MeasureValue.objects.exists()
    client.post(
        url,
        {f"m{setup['measure'].pk}": "10", f"m{reasons.pk}-back": "4", f"m{reasons.pk}-neck": "1.5"},
    )
    assert not MeasureValue.objects.exists()  # 1.5 is not a whole number: nothing saved
    client.post(url, {f"m{setup['measure'].pk}": "10", f"m{reasons.pk}-back": "4"})
    client.post(url, {f"m{setup['measure'].pk}": "11"})
    value = MeasureValue.objects.get(measure=setup["measure"])
    assert value.value == 11 and value.history.count() == 2
    setup["expected"].refresh_from_db()
    assert setup["expected"].first_submitted_at is not None


def test_completeness_page_shows_on_time_late_and_missing(client, world, setup):
    MeasureValue.objects.create(measure=setup["measure"], period="2025-26-Q1", value=4)
    sessions = Measure.objects.create(
        project=setup["other"], code="sessions", name_en="Sessions", name_cy="S", kind="count"
    )
    MeasureValue.objects.create(measure=sessions, period="2025-26-Q1", value=9)
    ExpectedReturn.objects.filter(pk=setup["expected"].pk).update(
        first_submitted_at=timezone.make_aware(datetime(2025, 7, 30))
    )
    ExpectedReturn.objects.filter(pk=setup["other_expected"].pk).update(
        first_submitted_at=timezone.make_aware(datetime(2025, 8, 5))
    )
    third = factories.project("TT-PAPYRUS", [world.ag], name="Papyrus")
    ExpectedReturn.objects.create(
        project=third, provider=Provider.objects.get(), period="2025-26-Q1", due=date(2025, 7, 31)
    )
    client.force_login(world.viewer)
    page = client.get(reverse("outcomes:index"), {"period": "2025-26-Q1"}).content.decode()
    assert (
        page.count('data-status="on_time"') == 1
        and page.count('data-status="late"') == 1
        and page.count('data-status="missing"') == 1
    )
    missing = page[page.index('id="missing"') : page.index("</ul>", page.index('id="missing"'))]
    assert "Papyrus" in missing and "Mind Llanelli" not in missing
    client.force_login(world.other_editor)
    assert "Papyrus" not in client.get(reverse("outcomes:index"), {"period": "2025-26-Q1"}).content.decode()


def test_missing_data_is_flagged_in_the_monitoring_summary(world, setup):
    factories.monitoring_return(setup["pain"], "2025-26-Q1", target_attainment_pct=Decimal(100))
    from cymuned.portfolio.monitoring import monitoring_summary

    flagged = {f["code"]: f for f in monitoring_summary("2025-26-Q1")["flagged"]}
    assert flagged["AG-PAIN"]["reasons"] == ["data not received"]


def test_a_boards_summary_flags_only_its_own_projects_whose_data_is_late(world, setup):
    """The "data not received" condition is asked of every project and applied to the scope's returns:
    another board's late project is neither counted nor listed."""
    from cymuned.portfolio.monitoring import quarter_summary

    powys = factories.project("MPO-LATE", [world.mid_powys], name="Late in Powys")
    ExpectedReturn.objects.create(
        project=powys, provider=setup["expected"].provider, period="2025-26-Q1", due=date(2025, 7, 31)
    )
    for project in (setup["pain"], powys):
        factories.monitoring_return(project, "2025-26-Q1", target_attainment_pct=Decimal(100))
    whole = quarter_summary("2025-26-Q1", flagged_window=slice(0, 10))
    board = quarter_summary("2025-26-Q1", health_board="7A2", flagged_window=slice(0, 10))
    assert {f.code for f in whole.flagged} == {"AG-PAIN", "MPO-LATE"} and whole.flagged_total == 2
    assert [f.code for f in board.flagged] == ["AG-PAIN"] and board.flagged_total == 1


def test_a_page_of_the_flagged_marks_late_data_as_the_whole_list_does(world, setup):
    """A page of the flagged projects asks of each of its rows whether the project's data is late; the
    whole list reads the late projects once: both mark the same projects "data not received"."""
    from cymuned.portfolio.monitoring import quarter_summary

    sessions = Measure.objects.create(
        project=setup["other"], code="sessions", name_en="Sessions", name_cy="S", kind="count"
    )
    MeasureValue.objects.create(measure=sessions, period="2025-26-Q1", value=9)
    ExpectedReturn.objects.filter(pk=setup["other_expected"].pk).update(
        first_submitted_at=timezone.make_aware(datetime(2025, 7, 30))
    )
    factories.monitoring_return(setup["pain"], "2025-26-Q1", target_attainment_pct=Decimal(100))
    factories.monitoring_return(setup["other"], "2025-26-Q1", target_attainment_pct=Decimal(10))
    whole = quarter_summary("2025-26-Q1").as_dict()["flagged"]
    page = quarter_summary("2025-26-Q1", flagged_window=slice(0, 10)).as_dict()["flagged"]
    reasons = {item["code"]: item["reasons"] for item in whole}
    assert reasons["AG-PAIN"] == ["data not received"]
    assert reasons["LL-MIND"] and "data not received" not in reasons["LL-MIND"]
    assert [(item["code"], item["reasons"]) for item in page] == [(item["code"], item["reasons"]) for item in whole]


def test_reminders_at_most_once_a_day(setup):
    with time_machine.travel(datetime(2025, 8, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(0))):
        call_command("remind", "--period", "2025-26-Q1", stdout=io.StringIO())
        call_command("remind", "--period", "2025-26-Q1", stdout=io.StringIO())
    assert len(mail.outbox) == 2 and "Overdue" in mail.outbox[0].subject
    with time_machine.travel(datetime(2025, 8, 3, 9, 0, tzinfo=timezone.get_fixed_timezone(0))):
        call_command("remind", "--period", "2025-26-Q1", stdout=io.StringIO())
    assert len(mail.outbox) == 4


@time_machine.travel(datetime(2025, 7, 20, 12, 0, tzinfo=timezone.get_fixed_timezone(0)))
def test_staff_links_need_edit_rights(client, world, setup):
    client.force_login(world.viewer)
    assert client.post(reverse("outcomes:issue_link", args=["AG-PAIN", "2025-26-Q1"])).status_code == 403
    client.force_login(world.editor)
    response = client.post(reverse("outcomes:issue_link", args=["AG-PAIN", "2025-26-Q1"]), follow=True)
    assert "/provide/" in response.content.decode()


def test_demo_outcomes(db):
    call_command("setup-demo", stdout=io.StringIO())
    reasons = Measure.objects.get(project__code="AG-PAIN", code="referral-reasons")
    assert MeasureValue.objects.get(measure=reasons, category="back-pain").value == 235
    assert Measure.objects.get(code="c-act").observations.count() == 290
    assert MeasureValue.objects.get(measure__code="pharma-savings").value == Decimal("22600")


# Issue 12, item 12: the four missing demo returns belong to projects with no measures; "Send" on
# their empty form turned Missing into Late. A return is received when it holds values.
@time_machine.travel(datetime(2025, 7, 20, 12, 0, tzinfo=timezone.get_fixed_timezone(0)))
def test_an_empty_form_is_not_a_return(client, setup):
    token = links.issue(setup["expected"])
    response = client.post(reverse("provide", args=[token]), {})
    assert response.status_code == 400 and "an empty form is not a return" in response.content.decode()
    setup["expected"].refresh_from_db()
    assert setup["expected"].first_submitted_at is None
    client.post(reverse("provide", args=[token]), {f"m{setup['measure'].pk}": "3"})
    setup["expected"].refresh_from_db()
    assert setup["expected"].first_submitted_at is not None


def test_a_project_without_measures_cannot_be_sent_a_link(client, world, setup):
    with pytest.raises(links.NothingToReturn):
        links.issue(setup["other_expected"])
    client.force_login(world.editor)
    response = client.post(reverse("outcomes:issue_link", args=["LL-MIND", "2025-26-Q1"]), follow=True)
    page = response.content.decode()
    assert "/provide/" not in page and "LL-MIND has no outcome measures" in page
    assert not setup["other_expected"].links.exists()
    listing = client.get(reverse("outcomes:index"), {"period": "2025-26-Q1"}).content.decode()
    table = listing[listing.index('id="returns"') :]
    row = table[table.index("Mind Llanelli") : table.index("</tr>", table.index("Mind Llanelli"))]
    assert "no outcome measures" in row and "New link" not in row


@time_machine.travel(datetime(2025, 8, 20, 12, 0, tzinfo=timezone.get_fixed_timezone(0)))
def test_a_return_without_measures_stays_missing_whatever_was_sent(client, world, setup):
    """A return stamped before the rule (an empty form sent) holds nothing: it is missing, and the
    paper flags the project's data as not received."""
    ExpectedReturn.objects.filter(pk=setup["other_expected"].pk).update(
        first_submitted_at=timezone.make_aware(datetime(2025, 8, 5))
    )
    client.force_login(world.viewer)
    page = client.get(reverse("outcomes:index"), {"period": "2025-26-Q1"}).content.decode()
    missing = page[page.index('id="missing"') : page.index("</ul>", page.index('id="missing"'))]
    assert "Mind Llanelli" in missing and page.count('data-status="late"') == 0
    from cymuned.outcomes.queries import data_not_received

    assert "LL-MIND" in data_not_received("2025-26-Q1")


# Issue 12, item 13: a return sent at 00:30 BST on 1 August (23:30 UTC on 31 July, its due date)
# is late: the day is the day in Wales.
def test_completeness_uses_the_date_in_wales(client, world, setup):
    from zoneinfo import ZoneInfo

    sent = datetime(2025, 8, 1, 0, 30, tzinfo=ZoneInfo("Europe/London"))
    assert sent.astimezone(ZoneInfo("UTC")).date() == date(2025, 7, 31)  # the UTC date is the due date
    ExpectedReturn.objects.filter(pk=setup["expected"].pk).update(first_submitted_at=sent)
    MeasureValue.objects.create(measure=setup["measure"], period="2025-26-Q1", value=4)
    client.force_login(world.viewer)
    with time_machine.travel(datetime(2025, 8, 20, 12, 0, tzinfo=timezone.get_fixed_timezone(0))):
        page = client.get(reverse("outcomes:index"), {"period": "2025-26-Q1"}).content.decode()
    table = page[page.index('id="returns"') :]
    row = table[table.index("Persistent Pain Service") : table.index("</tr>", table.index("Persistent Pain Service"))]
    assert "Late" in row and "2025-08-01" in row


def test_the_outcomes_page_shows_one_page_of_returns_and_rates_over_all(client, world):
    """Issue 14 item 5: at national scale a period expects 25,000 returns; the table and the missing
    list show a page (100), the rates count every return, and access is decided for the page only."""
    from cymuned.outcomes.views import PAGE_SIZE

    provider = Provider.objects.create(name="Big provider", email="big@example.invalid")
    for n in range(PAGE_SIZE + 5):
        project = factories.project(f"AG-{n:04d}", [world.ag], name=f"Project {n:04d}")
        ExpectedReturn.objects.create(project=project, provider=provider, period="2025-26-Q1", due=date(2025, 7, 31))
    client.force_login(world.editor)
    first = client.get(reverse("outcomes:index"), {"period": "2025-26-Q1"}).content.decode()
    assert first.count('data-status="missing"') == PAGE_SIZE
    assert f"The first {PAGE_SIZE} of {PAGE_SIZE + 5} missing returns" in first
    assert f"Expected returns 1 to {PAGE_SIZE} of {PAGE_SIZE + 5}" in first and "page=2" in first
    # the rates count all 105: the cluster's row says 105 expected, none received
    cluster = first[first.index("Completeness by cluster") :]
    assert f">{PAGE_SIZE + 5}<" in cluster[: cluster.index("</table>")]
    second = client.get(reverse("outcomes:index"), {"period": "2025-26-Q1", "page": 2}).content.decode()
    assert second.count('data-status="missing"') == 5 and "Project 0104" in second
    assert second.count("Revoke links") == 5  # the editor may report on each project of the page


@time_machine.travel(datetime(2025, 7, 20, 12, 0, tzinfo=timezone.get_fixed_timezone(0)))
def test_a_monthly_measure_asks_for_each_month_in_words(client, setup):
    """Issue 13 item 17: the provider reads "April 2025", not the code "2025-04"."""
    Measure.objects.create(
        project=setup["pain"], code="waiting", name_en="Waiting", name_cy="Aros", kind="count", frequency="monthly"
    )
    url = reverse("provide", args=[links.issue(setup["expected"])])
    page = client.get(url).content.decode()
    assert all(month in page for month in ("April 2025", "May 2025", "June 2025"))
    assert ">2025-04<" not in page
    client.cookies["cymuned_language"] = "cy"
    assert "Ebrill 2025" in client.get(url).content.decode()


def test_a_completeness_table_writes_each_rate_as_its_row(db):
    """The rows written in one pass read as the template wrote them: the group escaped, the four
    counts, and completeness as a whole percent, or a dash where nothing is due yet."""
    import re

    from django.template.loader import render_to_string

    from cymuned.outcomes.completeness import Rate

    html = render_to_string(
        "outcomes/_rates.html",
        {"rates": [Rate("A&B <x>", 12, 9, 2, 1), Rate("Not due", 3, 0, 0, 0)], "caption": "C", "group_heading": "G"},
    )
    rows = [
        re.findall(r">([^<>]*)</t[hd]>", row) for row in re.findall(r"<tr class=\"nhsuk-table__row\">(.*?)</tr>", html)
    ]
    assert rows == [["A&amp;B &lt;x&gt;", "12", "9", "2", "1", "92%"], ["Not due", "3", "0", "0", "0", "–"]]


def test_the_flagged_total_counts_each_flagged_project_once_and_the_pages_make_the_whole_list(world, setup):
    """A project that is red and late is one flagged project; a late one with no status is none. The
    total each page gives is the length of the whole list, and the pages, one after another, are the
    whole list in code order."""
    from cymuned.portfolio.monitoring import quarter_summary
    from cymuned.portfolio.rag import Rag

    provider = setup["expected"].provider
    made = {
        "AG-PAIN": factories.monitoring_return(setup["pain"], "2025-26-Q1", target_attainment_pct=Decimal(100)),
        "LL-MIND": factories.monitoring_return(setup["other"], "2025-26-Q1", target_attainment_pct=Decimal(10)),
    }
    for code, attainment, late in (("AG-RED", 10, False), ("AG-NONE", None, True), ("AG-GREEN", 100, False)):
        project = factories.project(code, [world.ag])
        if late:
            ExpectedReturn.objects.create(
                project=project, provider=provider, period="2025-26-Q1", due=date(2025, 7, 31)
            )
        metrics = {} if attainment is None else {"target_attainment_pct": Decimal(attainment)}
        made[code] = factories.monitoring_return(project, "2025-26-Q1", **metrics)
    assert made["LL-MIND"].status == made["AG-RED"].status == Rag.RED and made["AG-PAIN"].status == Rag.GREEN
    assert made["AG-NONE"].status == ""
    whole = [f.code for f in quarter_summary("2025-26-Q1").flagged]
    assert whole == ["AG-PAIN", "AG-RED", "LL-MIND"]
    for size in (1, 2, 3, 4):
        pages = [
            quarter_summary("2025-26-Q1", flagged_window=slice(start, start + size)) for start in range(0, 6, size)
        ]
        assert {page.flagged_total for page in pages} == {3}
        assert [f.code for page in pages for f in page.flagged] == whole
