"""Issue 16 item 6: projects and proposals name the population indicators they aim to move, and their
pages show those indicators' trend for the clusters served beside Wales. Figures are the `registers`
fixture's counts (tests/integration/test_indicators.py), worked by hand beside each assertion."""

from cymuned.portfolio.models import Project

from .. import factories
from .test_indicators import registers  # noqa: F401  (the fixture)


def _project(world, **fields):
    return factories.project("AG-HTN", [world.ag], name="Blood pressure checks", **fields)


def test_the_project_page_shows_the_trend_of_the_indicators_it_names(client, world, registers):  # noqa: F811
    _project(world, indicators=["hypertension"])
    client.force_login(world.viewer)
    page = client.get("/projects/AG-HTN/").content.decode()
    table = page[page.index('id="indicator-hypertension"') :]
    table = table[: table.index("</table>")]
    # AG in 2024-25: (800 + 300) / (5,000 + 2,000) = 15.714...% -> "15.71"; Wales's published
    # 480,000 / 3,200,000 = 15.00 %.
    assert "2024-25" in table and "15.71" in table and "15.00" in table
    assert "/indicators/AG/" in table
    assert "Choose the indicators this project aims to move" not in page  # a viewer may not change it


def test_an_editor_chooses_the_indicators_and_the_change_is_kept_in_history(client, world, registers):  # noqa: F811
    project = _project(world)
    client.force_login(world.editor)
    page = client.get("/projects/AG-HTN/").content.decode()
    assert "No population indicator is named yet." in page and "/indicators/projects/AG-HTN/" in page
    form = client.get("/indicators/projects/AG-HTN/").content.decode()
    assert 'value="hypertension"' in form and 'value="diabetes"' in form
    response = client.post(
        "/indicators/projects/AG-HTN/", {"indicators": ["diabetes", "hypertension"], "version": project.version}
    )
    assert response.status_code == 302 and response["Location"].endswith("/projects/AG-HTN/")
    project.refresh_from_db()
    # kept in the definitions' order (hypertension before diabetes), the version moved on
    assert project.indicators == ["hypertension", "diabetes"] and project.version == 2
    assert project.history.first().indicators == ["hypertension", "diabetes"]


def test_a_stale_form_or_an_unknown_indicator_changes_nothing(client, world, registers):  # noqa: F811
    project = _project(world, indicators=["asthma"])
    client.force_login(world.editor)
    stale = client.post("/indicators/projects/AG-HTN/", {"indicators": ["diabetes"], "version": 0}).content.decode()
    assert "Someone else changed this project" in stale
    unknown = client.post("/indicators/projects/AG-HTN/", {"indicators": ["gout"], "version": 1})
    assert unknown.status_code == 200 and "nhsuk-error-summary" in unknown.content.decode()
    project.refresh_from_db()
    assert project.indicators == ["asthma"] and project.version == 1


def test_only_those_who_may_change_the_project_choose(client, world, registers):  # noqa: F811
    _project(world)
    for person, allowed in ((world.viewer, (403,)), (world.other_editor, (403, 404)), (world.outsider, (403, 404))):
        client.force_login(person)
        assert client.get("/indicators/projects/AG-HTN/").status_code in allowed
        assert (
            client.post("/indicators/projects/AG-HTN/", {"indicators": ["asthma"], "version": 1}).status_code in allowed
        )
    assert Project.objects.get().indicators == []
    client.logout()
    assert client.get("/indicators/projects/AG-HTN/").status_code == 302


def test_the_panel_in_welsh(client, world, registers):  # noqa: F811
    _project(world, indicators=["hypertension"])
    client.force_login(world.editor)
    client.cookies["cymuned_language"] = "cy"
    page = client.get("/projects/AG-HTN/").content.decode()
    assert "Indicators it aims to move" not in page and "Cyffredinrwydd gorbwysedd" in page
