"""Maturity: the framework loader, `cymuned import maturity`, `cymuned maturity --format json` and the pages,
with who is refused and the query budgets."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cymuned.imports.base import ImportRejected
from cymuned.maturity.importers import MaturityImporter
from cymuned.maturity.loading import load_shipped
from cymuned.maturity.models import Consensus, Domain, Framework, Rating

HEADER = "unit,cycle,domain,rater,stage,evidence,consensus\n"
# AG 2026-27 (programme year 1): leadership rated 1, 3, 2 → disagreement, agreed 2;
# finance rated 1, 1, 2, agreed 1 (year 1 minimum 1, not below).
# AG 2027-28 (year 2): leadership agreed 1, below year 2's minimum of 2; previous consensus 2.
ROWS = (
    "AG,2026-27,leadership,A,1,Role descriptors drafted,\n"
    "AG,2026-27,leadership,B,3,Leads in post,\n"
    "AG,2026-27,leadership,C,2,,\n"
    "AG,2026-27,leadership,Workshop,2,Descriptors agreed; time not protected,yes\n"
    "AG,2026-27,finance,A,1,,\n"
    "AG,2026-27,finance,B,1,,\n"
    "AG,2026-27,finance,C,2,,\n"
    "AG,2026-27,finance,Workshop,1,Cluster funds only,yes\n"
    "AG,2027-28,leadership,A,1,,\n"
    "AG,2027-28,leadership,Workshop,1,Lead left,yes\n"
)


@pytest.fixture
def rated(world):
    load_shipped()
    MaturityImporter(user=world.editor).run((HEADER + ROWS).encode(), "ratings.csv")
    return world


def test_shipped_frameworks(db):
    load_shipped()
    load_shipped()  # again: unchanged
    assert Framework.objects.count() == 2
    outcomes = Domain.objects.filter(framework__code="pcmw-acd-outcomes")
    # seed 003: 13 PCMW outcomes and 7 ACD outcomes
    assert outcomes.filter(group="PCMW").count() == 13 and outcomes.filter(group="ACD").count() == 7
    assert (
        outcomes.get(code="PCMW-12").name_en == "Ease of access to community diagnostics supporting high-quality care"
    )
    hd = Framework.objects.get(code="hd-integrated-neighbourhoods")
    assert hd.domains.count() == 8 and hd.stages.count() == 4
    leadership = hd.domains.get(code="leadership")
    assert leadership.descriptors.count() == 4 and all(d.text_cy for d in leadership.descriptors.all())


def test_a_bad_framework_file_is_named(tmp_path, db):
    path = tmp_path / "mine.json"
    path.write_text(
        json.dumps(
            {
                "code": "x",
                "version": 1,
                "name_en": "X",
                "name_cy": "X",
                "effective_from": "2026-04-01",
                "first_cycle": "2026-27",
                "stages": [{"stage": 1, "name_en": "a", "name_cy": "a"}],
                "domains": [{"code": "d", "name_en": "D", "name_cy": "D", "descriptors": []}],
            }
        )
    )
    with pytest.raises(CommandError, match=r"mine.json, domains\[1\]: needs one descriptor for each stage"):
        call_command("load-framework", str(path))
    assert not Framework.objects.exists()


def test_import_and_command_json(rated):
    assert Rating.objects.count() == 7 and Consensus.objects.count() == 3
    out = StringIO()
    call_command("maturity", "--unit", "AG", "--cycle", "2027-28", "--format", "json", stdout=out)
    result = json.loads(out.getvalue())
    assert list(result) == ["unit", "cycle", "domains"]
    leadership = next(d for d in result["domains"] if d["code"] == "leadership")
    assert leadership == {
        "code": "leadership",
        "ratings": {"n": 1, "min": 1, "median": 1, "max": 1},
        "consensus": 1,
        "minimum_expected": 2,  # year 2 of the Hywel Dda framework
        "below_minimum": True,
        "disagreement": False,
        "previous_consensus": 2,
    }
    out = StringIO()
    call_command("maturity", "--unit", "AG", "--cycle", "2026-27", stdout=out)
    first = {d["code"]: d for d in json.loads(out.getvalue())["domains"]}
    assert first["leadership"]["disagreement"] is True and first["leadership"]["ratings"]["median"] == 2
    assert first["finance"]["below_minimum"] is False and first["finance"]["consensus"] == 1
    assert first["governance"]["ratings"] == {"n": 0, "min": None, "median": None, "max": None}


def test_importing_again_changes_nothing(rated):
    outcome = MaturityImporter(user=rated.editor).run((HEADER + ROWS).encode(), "ratings.csv")
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 10)


def test_bad_rows_are_named_and_nothing_is_written(world):
    load_shipped()
    rows = (
        "AG,2026-27,leadership,A,5,,\n"  # stage 5 in a four-stage framework
        "ZZ,2026-27,leadership,A,1,,\n"  # unknown unit
        "AG,2026-27,nonsense,A,1,,\n"  # unknown domain
        "AG,2026-27,finance,A,1,,\n"
        "AG,2026-27,finance,A,2,,\n"  # same rater twice
        "AG,2026-7,finance,B,2,,\n"  # a bad cycle
    )
    with pytest.raises(ImportRejected) as rejected:
        MaturityImporter(user=world.editor).run((HEADER + rows).encode(), "bad.csv")
    text = str(rejected.value)
    assert "line 2" in text and "stage" in text
    assert "“ZZ” is not a known cluster or neighbourhood code" in text
    assert "“nonsense” is not a domain" in text
    assert "already appears on line 5" in text
    assert "“2026-7” is not a cycle like 2026-27" in text
    assert not Rating.objects.exists()


def test_another_boards_editor_may_not_import(rated):
    with pytest.raises(ImportRejected):
        MaturityImporter(user=rated.other_editor).run((HEADER + ROWS).encode(), "ratings.csv")


def test_cycle_page_shows_spread_flags_and_chart(client, rated):
    client.force_login(rated.viewer)
    response = client.get("/maturity/AG/2026-27/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "raters disagree" in body and "radar-0" in body and "Descriptors agreed; time not protected" in body
    assert "rate-form" not in body  # a viewer does not record
    page = client.get("/maturity/AG/2027-28/").content.decode()
    assert "below minimum" in page


def test_who_is_refused(client, rated):
    client.force_login(rated.other_editor)
    assert client.get("/maturity/AG/2026-27/").status_code == 404
    client.force_login(rated.viewer)
    assert client.post("/maturity/AG/2026-27/", {"kind": "consensus"}).status_code == 403


def test_editor_records_consensus(client, rated):
    client.force_login(rated.editor)
    domain = Domain.objects.get(framework__code="hd-integrated-neighbourhoods", code="governance")
    response = client.post(
        "/maturity/AG/2026-27/",
        {"kind": "consensus", "domain": domain.pk, "stage": 3, "rater": "Chair", "text": "Agreed"},
    )
    assert response.status_code == 302
    assert Consensus.objects.get(domain=domain).stage == 3


def test_side_by_side(client, rated):
    client.force_login(rated.viewer)
    body = client.get("/maturity/?cycle=2027-28").content.decode()
    assert "Amman Gwendraeth" in body and "below minimum" in body
    client.force_login(rated.other_editor)
    assert "Amman Gwendraeth" not in client.get("/maturity/?cycle=2027-28").content.decode()


@pytest.mark.parametrize("path", ["/maturity/?cycle=2026-27", "/maturity/AG/2026-27/"])
def test_query_budget(client, rated, path, django_assert_max_num_queries):
    client.force_login(rated.editor)
    client.get(path)
    with django_assert_max_num_queries(30):
        client.get(path)


def test_rating_form_shows_a_refused_value_beside_its_field(client, rated):
    client.force_login(rated.editor)
    domain = Domain.objects.get(framework__code="hd-integrated-neighbourhoods", code="governance")
    good = {"kind": "rating", "domain": domain.pk, "stage": 3, "rater": "Rater", "text": "Evidence"}
    for bad, field in (
        ({"stage": "nan"}, "stage"),
        ({"stage": "9"}, "stage"),
        ({"rater": ""}, "rater"),
        ({"kind": "veto"}, "kind"),
        ({"domain": "999999"}, "domain"),
        ({"domain": "abc"}, "domain"),
    ):
        response = client.post("/maturity/AG/2026-27/", {**good, **bad})
        assert response.status_code == 400 and f'id="{field}-error"' in response.content.decode(), bad
    assert not Rating.objects.filter(rater="Rater").exists()
    assert client.post("/maturity/AG/2026-27/", good).status_code == 302
    assert Rating.objects.get(rater="Rater").stage == 3
