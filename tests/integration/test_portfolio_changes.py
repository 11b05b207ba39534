"""Issue 13 item 13: what changed since last quarter, for the portfolio (/projects/changes/) and on
the project page. Expected values are the returns written in each test."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cymuned.periods import Quarter
from cymuned.portfolio.changes import COLUMNS, ReturnValues, changes
from cymuned.portfolio.models import MonitoringReturn, Project
from cymuned.portfolio.queries import changed_since_previous

from .. import factories

Q1, Q2 = "2025-26-Q1", "2025-26-Q2"
URL = "/projects/changes/"


@pytest.fixture
def projects(world):
    pain = factories.project("AG-PAIN", [world.ag], name="Persistent Pain Service", name_cy="Gwasanaeth Poen Parhaus")
    same = factories.project("AG-SAME", [world.ag], name="Unchanged Service")
    said = factories.project("LL-SAID", [world.ll], name="Narrative Service")
    powys = factories.project("MP-FRAIL", [world.mid_powys], name="Powys Frailty")
    # green, then red (target 80 % is red) and worsening, with a new narrative
    factories.monitoring_return(pain, Q1, target_attainment_pct=Decimal(100), narrative="On track.")
    factories.monitoring_return(pain, Q2, target_attainment_pct=Decimal(80), narrative="Waiting list grew.")
    for period in (Q1, Q2):
        factories.monitoring_return(same, period, target_attainment_pct=Decimal(100), narrative="As before.")
    # the same status; an override and a Welsh narrative added
    factories.monitoring_return(said, Q1, target_attainment_pct=Decimal(100), narrative="Fine.")
    factories.monitoring_return(
        said,
        Q2,
        target_attainment_pct=Decimal(100),
        narrative="Fine.",
        narrative_cy="Iawn.",
        rag_override="amber",
        override_reason="Lead on leave",
    )
    factories.monitoring_return(powys, Q1, target_attainment_pct=Decimal(100))
    factories.monitoring_return(powys, Q2, target_attainment_pct=Decimal(50))
    return pain, same, said, powys


def test_lists_the_changed_returns_the_person_may_see_with_before_and_after(client, world, projects):
    client.force_login(world.viewer)
    response = client.get(URL, {"period": Q2})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Persistent Pain Service" in page and "Narrative Service" in page
    assert "Unchanged Service" not in page  # nothing changed
    assert "Powys Frailty" not in page  # another health board's
    assert "2 projects&#x27; returns changed" in page or "2 projects' returns changed" in page
    # periods in words, RAG and trend labels from portfolio.rag
    assert "2025-26 Quarter 2" in page and "2025-26 Quarter 1" in page
    assert "cymuned-rag--green" in page and "cymuned-rag--red" in page and "Worsening" in page
    assert "Waiting list grew." in page and "The narrative before" in page and "On track." in page
    assert "No override" in page and "Lead on leave" in page
    assert "Only the Welsh text changed." in page


def test_the_editor_of_another_board_sees_only_theirs_and_an_outsider_none(client, world, projects):
    client.force_login(world.other_editor)
    page = client.get(URL, {"period": Q2}).content.decode()
    assert "Powys Frailty" in page and "Persistent Pain Service" not in page
    client.force_login(world.outsider)
    page = client.get(URL, {"period": Q2}).content.decode()
    assert "Powys Frailty" not in page and "Persistent Pain Service" not in page
    assert "No project&#x27;s return changed" in page or "No project's return changed" in page
    client.logout()
    assert client.get(URL).status_code == 302  # sign in first


def test_a_bad_period_falls_back_to_the_default_and_a_page_number_too(client, world, projects):
    client.force_login(world.viewer)
    for query in ({"period": "2025-26-Q9"}, {"period": "<script>"}, {"page": "x"}, {"page": "99"}):
        assert client.get(URL, query).status_code == 200


def test_welsh_page_in_words(client, world, projects):
    client.force_login(world.viewer)
    page = client.get(URL, {"period": Q2}, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Chwarter 2 2025-26" in page and "Gwasanaeth Poen Parhaus" in page
    assert "Iawn." in page  # the Welsh narrative where written
    assert "What changed since last quarter" not in page


def test_the_query_lists_exactly_the_returns_the_rule_finds_changed(world, projects):
    """The SQL filter (portfolio.queries) and the rule (portfolio.changes) agree on every pair."""
    listed = {row["code"] for row in changed_since_previous(Quarter.parse(Q2), Project.objects.all())}
    by_rule = set()
    for project in Project.objects.all():
        q1, q2 = (MonitoringReturn.objects.filter(project=project, period=p).values(*COLUMNS).first() for p in (Q1, Q2))
        if q1 and q2 and changes(ReturnValues.of(q1), ReturnValues.of(q2)):
            by_rule.add(project.code)
    assert listed == by_rule == {"AG-PAIN", "LL-SAID", "MP-FRAIL"}


def test_paginated_and_the_queries_do_not_grow_with_rows(client, world, django_assert_max_num_queries):
    def add(start, n):
        for i in range(start, start + n):
            project = factories.project(f"AG-{i:03d}", [world.ag])
            factories.monitoring_return(project, Q1, target_attainment_pct=Decimal(100), narrative=f"Q1 {i}")
            factories.monitoring_return(project, Q2, target_attainment_pct=Decimal(50), narrative=f"Q2 {i}")

    client.force_login(world.viewer)
    add(0, 3)
    client.get(URL, {"period": Q2})  # warm: sessions and other one-off caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"period": Q2})
    add(3, 60)
    with django_assert_max_num_queries(len(few)):
        page = client.get(URL, {"period": Q2}).content.decode()
    assert "63 projects" in page and "AG-049" in page and "AG-050" not in page  # 50 a page
    assert "AG-050" in client.get(URL, {"period": Q2, "page": 2}).content.decode()


def test_the_project_page_says_what_changed_since_last_quarter(client, world, projects):
    client.force_login(world.viewer)
    page = client.get(reverse("portfolio:project", args=["AG-PAIN"])).content.decode()
    assert "Changes since last quarter" in page
    assert "Waiting list grew." in page and "Worsening" in page
    page = client.get(reverse("portfolio:project", args=["AG-SAME"])).content.decode()
    assert "The RAG status, trend, override and narrative are as they were." in page
    page = client.get(reverse("portfolio:project", args=["AG-PAIN"]), {"period": Q1}).content.decode()
    assert "There is no return for 2024-25 Quarter 4 to compare with." in page
    page = client.get(reverse("portfolio:project", args=["AG-PAIN"]), {"period": "2026-27-Q1"}).content.decode()
    assert "There is no return for 2026-27 Quarter 1." in page


def test_the_portfolio_links_to_the_changes(client, world, projects):
    client.force_login(world.viewer)
    page = client.get(reverse("portfolio:index"), {"period": Q2}).content.decode()
    assert f'href="/projects/changes/?period={Q2}"' in page
