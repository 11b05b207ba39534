"""Definitions as data: the files are loaded into the table by `migrate` and `load-definitions`, looked
up as in force on a date, and shown on the definitions page and in papers from that one source."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from cymuned.definitions.models import Definition
from cymuned.definitions.versions import DefinitionError, forget, in_force, load, read_files
from cymuned.finance.allocation import weights_of
from cymuned.outcomes.models import MeasureKind
from cymuned.periods import Quarter
from cymuned.portfolio.models import MonitoringReturn
from cymuned.portfolio.rag import Rag, Thresholds, meanings
from cymuned.reports.writing import paper_definitions

from .. import factories


def later_rag_version(effective_from: date, **numbers: str) -> Definition:
    """A hand-made later version of the RAG definition (not a published one) with other numbers."""
    first = in_force("rag", date(2024, 4, 1))
    content = {**first.content, "thresholds": {**first.content["thresholds"], **numbers}}
    made = Definition.objects.create(
        name="rag", effective_from=effective_from, content=content, source="test", digest="test"
    )
    forget()
    return made


def test_every_file_of_the_repository_is_loaded_by_migrate_and_read_by_its_rules(db):
    files = read_files()
    assert {"rag", "risk-grid", "wimd-decile-weights", "measure-kinds"} <= set(files)
    stored = set(Definition.objects.values_list("name", "effective_from"))
    assert stored == {(name, v.effective_from) for name, versions in files.items() for v in versions}
    for version in files["rag"]:
        Thresholds.of(version.content)
        assert set(meanings(version.content)) == {"red", "amber", "green"}
    for version in files["wimd-decile-weights"]:
        assert sorted(weights_of(version.content)) == list(range(1, 11))
    for version in files["risk-grid"]:
        zones = version.content["zones"]
        assert {(t, r) for t in zones for r in zones[t]} == {
            (t, r) for t in ("worsening", "stable", "improving") for r in ("green", "amber", "red")
        }
        assert set(version.content["meaning"]) == {"green", "amber", "red"}
    for version in files["measure-kinds"]:
        assert set(version.content["kinds"]) == set(MeasureKind.values)


def test_loading_again_changes_nothing(db):
    out = io.StringIO()
    call_command("load-definitions", stdout=out)
    assert "0 versions added, 0 updated, 0 removed" in out.getvalue()


def test_a_bad_file_is_refused_naming_it_and_nothing_is_written(db, tmp_path):
    (tmp_path / "rag").mkdir()
    (tmp_path / "rag" / "2030-04-01.json").write_text('{"thresholds": ', encoding="utf-8")
    before = list(Definition.objects.values_list("name", "effective_from", "digest"))
    with pytest.raises(DefinitionError, match=r"rag/2030-04-01.json: not valid JSON"):
        load(tmp_path)
    (tmp_path / "rag" / "2030-04-01.json").unlink()
    (tmp_path / "rag" / "from-april.json").write_text("{}", encoding="utf-8")
    with pytest.raises(DefinitionError, match="the file name must be the date"):
        load(tmp_path)
    assert list(Definition.objects.values_list("name", "effective_from", "digest")) == before


def test_the_version_in_force_on_a_date(db):
    later_rag_version(date(2025, 7, 1), amber_overspend_pct="10")
    assert in_force("rag", date(2025, 6, 30)).content["thresholds"]["amber_overspend_pct"] == "5"
    assert in_force("rag", date(2025, 7, 1)).content["thresholds"]["amber_overspend_pct"] == "10"
    # the first version also answers for dates before it
    assert in_force("rag", date(2020, 1, 1)).effective_from == date(2024, 4, 1)


def test_a_return_is_judged_by_the_thresholds_in_force_at_its_quarters_end(world):
    later_rag_version(date(2025, 7, 1), amber_overspend_pct="10")
    project = factories.project("AG-1", [world.ag])
    # 7.2 % overspend (1,072 against 1,000): red under 5 %, amber under 10 %
    q1 = factories.monitoring_return(project, "2025-26-Q1", budget_gbp=Decimal(1000), forecast_spend_gbp=Decimal(1072))
    q2 = factories.monitoring_return(project, "2025-26-Q2", budget_gbp=Decimal(1000), forecast_spend_gbp=Decimal(1072))
    assert MonitoringReturn.objects.get(pk=q1.pk).status == Rag.RED
    assert MonitoringReturn.objects.get(pk=q2.pk).status == Rag.AMBER


def test_a_paper_uses_the_definitions_in_force_for_its_quarter(db):
    later_rag_version(date(2025, 7, 1), amber_delay_weeks="6")
    earlier = paper_definitions(Quarter.parse("2024-25-Q4")).meanings["red"]["en"]
    later = paper_definitions(Quarter.parse("2025-26-Q2")).meanings["red"]["en"]
    assert "Delays against critical milestones of more than 4 weeks" in earlier
    assert "Delays against critical milestones of more than 6 weeks" in later


def test_a_database_without_the_table_loaded_reads_the_files(db):
    Definition.objects.all().delete()
    forget()
    assert in_force("risk-grid", date(2025, 9, 30)).content["zones"]["stable"]["red"] == "red"


def test_the_definitions_page_in_english_and_welsh(client, world, django_assert_max_num_queries):
    client.force_login(world.viewer)
    with django_assert_max_num_queries(12):
        page = client.get("/definitions/").content.decode()
    assert "Delays against critical milestones of more than 4 weeks" in page
    assert "Needs a performance conversation" in page
    assert "Counts by category" in page
    client.cookies["cymuned_language"] = "cy"
    welsh = client.get("/definitions/").content.decode()
    assert "Oedi o fwy na 4 wythnos yn erbyn cerrig milltir allweddol" in welsh
    assert "Angen sgwrs am berfformiad" in welsh


def test_the_definitions_page_shows_the_version_in_force_on_the_date_asked(client, world):
    later_rag_version(date(2025, 7, 1), amber_delay_weeks="6")
    client.force_login(world.viewer)
    assert "more than 4 weeks" in client.get("/definitions/?on=2025-06-30").content.decode()
    page = client.get("/definitions/?on=2025-07-01").content.decode()
    assert "more than 6 weeks" in page and "?on=2024-04-01#rag" in page
    assert client.get("/definitions/?on=not-a-date").status_code == 200  # today's, not an error


def test_the_definitions_page_needs_a_sign_in(client, db):
    assert client.get("/definitions/").status_code == 302
