"""The portfolio's counting and option lists, written for national scale, give what their plain
definitions give: coverage against the definition in portfolio.coverage, worked out in Python; the
loose index scan against SELECT DISTINCT; values kept per data version against a change; the
filters' options against the markup the template wrote."""

from datetime import date

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cymuned.caching import kept
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import Quarter
from cymuned.portfolio.coverage import substantially_in
from cymuned.portfolio.models import MonitoringReturn, Project, State
from cymuned.portfolio.queries import coverage, default_period, distinct_values, grid_cells
from cymuned.portfolio.templatetags.portfolio_tags import select_options

from .. import factories

QUARTER = Quarter.parse("2025-26-Q2")  # 1 July to 30 September 2025
DATES = st.sampled_from(
    [None, date(2025, 3, 31), date(2025, 7, 1), date(2025, 8, 15), date(2025, 9, 30), date(2025, 10, 1)]
)
PROJECTS = st.lists(
    st.tuples(st.sampled_from(list(State)), DATES.filter(lambda d: d is not None), DATES, st.booleans()),
    max_size=12,
).map(lambda rows: [row for row in rows if row[2] is None or row[2] >= row[1]])  # a project ends after it starts


def _monitored_by_definition(state, start, end, has_return) -> bool:
    """portfolio/coverage.py's docstring, read literally."""
    running = (
        state != State.PROPOSED
        and start <= QUARTER.end
        and (
            (end is not None and end >= QUARTER.start) or (end is None and state in (State.ACTIVE, State.UNDER_REVIEW))
        )
    )
    return has_return or running


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=PROJECTS)
def test_coverage_is_its_definition(world, rows):
    with transaction.atomic():  # each example from nothing: rolled back at its end
        _check_coverage(rows)
        transaction.set_rollback(True)


def _check_coverage(rows):
    made = []
    for number, (state, start, end, returned) in enumerate(rows):
        project = Project.objects.create(
            code=f"COV-{number:02d}", name="p", state=state, start_date=start, end_date=end, annual_budget_gbp=1
        )
        if returned:
            MonitoringReturn.objects.create(project=project, period=str(QUARTER))
        made.append((project.code, _monitored_by_definition(state, start, end, returned), returned))
    projects = Project.objects.filter(code__startswith="COV-")
    found = coverage(QUARTER, projects)
    assert found.monitored == sum(1 for _, monitored, _ in made if monitored)
    assert found.with_return == sum(1 for _, _, returned in made if returned)
    assert found.missing == tuple(sorted(code for code, monitored, returned in made if monitored and not returned))
    # the summary counts the returns from its grid's cells (returns with no status have theirs)
    cells = grid_cells(str(QUARTER), projects)
    assert coverage(QUARTER, projects, with_return=sum(cells.values())) == found


QUARTERS = [Quarter.parse(p) for p in ("2025-26-Q1", "2025-26-Q2", "2025-26-Q3")]


def _default_by_definition(made) -> str | None:
    """portfolio.queries.default_period's docstring read literally: the latest quarter whose returns
    are substantially in (portfolio.coverage), else the latest with any return."""
    with_returns = {q: sum(1 for *_, returned in made if q in returned) for q in QUARTERS}
    periods = sorted((q for q in QUARTERS if with_returns[q]), key=str, reverse=True)
    for quarter in periods:
        monitored = sum(
            1
            for state, start, end, returned in made
            if quarter in returned
            or (
                state != State.PROPOSED
                and start <= quarter.end
                and (
                    (end is not None and end >= quarter.start)
                    or (end is None and state in (State.ACTIVE, State.UNDER_REVIEW))
                )
            )
        )
        if substantially_in(with_returns[quarter], monitored):
            return str(quarter)
    return str(periods[0]) if periods else None


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(list(State)),
            st.sampled_from([date(2025, 3, 1), date(2025, 8, 1), date(2025, 11, 1)]),
            st.sampled_from([None, date(2025, 6, 30), date(2025, 9, 15), date(2026, 3, 31)]),
            st.sets(st.sampled_from(QUARTERS)),
        ),
        max_size=10,
    ).map(lambda rows: [row for row in rows if row[2] is None or row[2] >= row[1]])
)
def test_the_default_quarter_is_its_definition(world, rows):
    with transaction.atomic():  # each example from nothing: rolled back at its end
        for number, (state, start, end, returned) in enumerate(rows):
            project = Project.objects.create(
                code=f"DP-{number:02d}", name="p", state=state, start_date=start, end_date=end, annual_budget_gbp=1
            )
            for quarter in returned:
                MonitoringReturn.objects.create(project=project, period=str(quarter))
        assert default_period(Project.objects.filter(code__startswith="DP-")) == _default_by_definition(rows)
        transaction.set_rollback(True)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(themes=st.lists(st.sampled_from(["", "Mental Health", "Dermatology", "Frailty", "Zed", "aa", "Ça"]), max_size=8))
def test_the_loose_index_scan_is_select_distinct(world, themes):
    for number, theme in enumerate(themes):
        Project.objects.create(
            code=f"DV-{number}", name="p", theme=theme, start_date=date(2025, 1, 1), annual_budget_gbp=1
        )
    try:
        ascending = list(Project.objects.order_by("theme").values_list("theme", flat=True).distinct())
        assert distinct_values(Project, "theme") == ascending  # the database's own collation, both ways
        assert distinct_values(Project, "theme", descending=True) == ascending[::-1]
    finally:
        Project.objects.filter(code__startswith="DV-").delete()


def test_no_rows_no_values(db):
    assert distinct_values(MonitoringReturn, "period") == []
    assert connection.vendor in ("sqlite", "postgresql")


def test_a_kept_value_is_worked_out_again_after_a_change(world):
    calls = []

    def count_clusters():
        calls.append(1)
        return OrgUnit.objects.of_kind(Kind.CLUSTER).count()

    assert kept(world.viewer, "test:clusters", count_clusters) == 3
    assert kept(world.viewer, "test:clusters", count_clusters) == 3
    assert len(calls) == 1  # the same data version: kept
    factories.unit(Kind.CLUSTER, "NEW", parent=world.hywel_dda)
    assert kept(world.viewer, "test:clusters", count_clusters) == 4
    assert len(calls) == 2
    # another person's units name another value
    assert kept(world.other_editor, "test:clusters", count_clusters) == 4 and len(calls) == 3


def test_options_are_escaped_named_in_the_language_and_selected(world, settings):
    world.ag.name_en = 'Amman <b>"Gwendraeth"</b>'
    markup = select_options(value="LL", units=[world.ag, world.ll])
    assert markup == (
        '<option value="">Any</option>'
        '<option value="AG">Amman &lt;b&gt;&quot;Gwendraeth&quot;&lt;/b&gt;</option>'
        '<option value="LL" selected>Llanelli</option>'
    )
    from django.utils import translation

    with translation.override("cy"):
        assert '<option value="AG">Aman Gwendraeth</option>' in select_options(units=[world.ag])
        assert select_options(options=["2025-26-Q1"], words=True, any_option=False) == (
            '<option value="2025-26-Q1">Chwarter 1 2025-26</option>'
        )
    assert select_options(value="2025-26-Q1", options=["2025-26-Q1"], any_option=False) == (
        '<option value="2025-26-Q1" selected>2025-26-Q1</option>'
    )


def test_kept_option_lists_are_plain_pairs_named_in_the_language(world):
    """The filters' lists are kept pickled per data version: (code, name) pairs, not model instances."""
    from django.utils import translation

    from cymuned.portfolio.views import _option_lists

    english = _option_lists(world.viewer)["clusters"]
    assert ("AG", "Amman Gwendraeth") in english and all(type(pair) is tuple for pair in english)
    with translation.override("cy"):
        assert ("AG", "Aman Gwendraeth") in _option_lists(world.viewer)["clusters"]
