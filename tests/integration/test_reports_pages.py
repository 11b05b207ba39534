"""Report pages, downloads, meeting details and the report command, with who may and may not."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cymuned.periods import Quarter
from cymuned.reports.models import Committee
from cymuned.reports.writing import monitoring_document, scope_of

from .. import factories

PERIOD = "2025-26-Q1"


@pytest.fixture
def projects(world):
    """A red project in Amman Gwendraeth, a green one in Llanelli, one in Powys."""
    pain = factories.project("AG-PAIN", [world.ag], name="Persistent Pain Service")
    factories.monitoring_return(pain, PERIOD, target_attainment_pct=80, narrative="Referrals fell in the quarter.")
    frailty = factories.project("LL-FRAIL", [world.ll], name="Frailty Team")
    factories.monitoring_return(frailty, PERIOD, target_attainment_pct=100)
    powys = factories.project("MP-X", [world.mid_powys], name="Powys only")
    factories.monitoring_return(powys, PERIOD, target_attainment_pct=100)
    return world


def paper(client, **params):
    return client.get(reverse("reports:monitoring"), {"period": PERIOD, **params})


def test_a_board_viewer_sees_the_whole_boards_paper(client, projects):
    client.force_login(projects.viewer)
    page = paper(client, meeting_date="2025-07-01").content.decode()
    assert "Persistent Pain Service (AG) – Referrals fell in the quarter." in page
    assert "Across the two clusters, two cluster projects are being monitored." in page
    assert "Powys only" not in page and "covers only" not in page
    assert "Download Word" in page and "Download PDF" in page
    assert "<script" not in page.split('<article class="cymuned-paper"')[1].split("</article>")[0]


def test_a_cluster_viewer_gets_a_paper_limited_to_their_cluster(client, projects):
    client.force_login(factories.user("ag-viewer", {projects.ag: "viewer"}))
    page = paper(client, board="7A2").content.decode()
    assert "this paper covers only:" in page and "Amman Gwendraeth (AG)" in page
    assert "In the Amman Gwendraeth Cluster, one cluster project is being monitored." in page
    assert "Frailty Team" not in page


def test_who_sees_no_cluster_of_the_board_is_refused(client, projects):
    client.force_login(projects.outsider)
    assert paper(client).status_code == 403
    client.force_login(projects.other_editor)
    assert paper(client, board="7A2").status_code == 403
    assert "Persistent Pain Service" not in paper(client).content.decode()  # their own board's paper


def test_downloads_are_word_and_pdf(client, projects):
    client.force_login(projects.viewer)
    refused = paper(client, download="docx", language="cy")  # issue 12 item 17: the meeting date is required
    assert refused["Content-Type"].startswith("text/html") and "Date of meeting required" in refused.content.decode()
    word = paper(client, download="docx", language="cy", meeting_date="2025-07-01")
    assert word["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert word["Content-Disposition"] == 'attachment; filename="monitoring-7A2-2025-26-Q1-cy.docx"'
    assert word.content[:2] == b"PK"
    pdf = paper(client, download="pdf", language="both", meeting_date="2025-07-01")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_page_can_be_welsh_or_side_by_side(client, projects):
    client.force_login(projects.viewer)
    assert "Ar draws y ddau glwstwr" in paper(client, language="cy").content.decode()
    both = paper(client, language="both").content.decode()
    assert "Ar draws y ddau glwstwr" in both and "Across the two clusters" in both


def test_data_pack_pages(client, projects):
    client.force_login(projects.viewer)
    page = client.get(reverse("reports:data_pack", args=["AG"]), {"period": PERIOD}).content.decode()
    assert "Cluster data pack: Amman Gwendraeth (AG)" in page and "Persistent Pain Service (AG-PAIN)" in page
    download = client.get(reverse("reports:data_pack", args=["AG"]), {"period": PERIOD, "download": "pdf"})
    assert download.content.startswith(b"%PDF")
    assert client.get(reverse("reports:data_pack", args=["MPO"])).status_code == 403
    assert client.get(reverse("reports:data_pack", args=["NOPE"])).status_code == 404
    client.force_login(projects.outsider)
    assert client.get(reverse("reports:data_pack", args=["AG"])).status_code == 403


def test_report_list(client, projects):
    client.force_login(projects.viewer)
    page = client.get(reverse("reports:index")).content.decode()
    assert PERIOD in page and "Hywel Dda University Health Board" in page and "Add a committee" not in page
    assert reverse("reports:data_pack", args=["AG"]) in page and reverse("reports:data_pack", args=["MPO"]) not in page
    client.force_login(projects.outsider)
    assert "There are no monitoring returns you may see yet." in client.get(reverse("reports:index")).content.decode()


def committee_form(world, **changes):
    return {
        "health_board": world.hywel_dda.pk,
        "name_en": "Strategy and Planning Committee",
        "name_cy": "Pwyllgor Strategaeth a Chynllunio",
        "meeting_date": "2026-01-29",
        "title_en": "Cluster Monitoring Report",
        "title_cy": "Adroddiad Monitro’r Clystyrau",
        "lead_director": "A Director, Director of Primary Care",
        "lead_director_cy": "",
        "reporting_officer": "An Officer, Cluster Development Manager",
        "reporting_officer_cy": "Swyddog, Rheolwr Datblygu Clystyrau",
        "for_decision": "on",
        **changes,
    }


def test_meeting_details_are_remembered_per_committee(client, projects):
    client.force_login(projects.editor)
    form = client.get(reverse("reports:committee_new")).content.decode()
    # issue 12 item 17: a new committee starts with empty cover fields, not the demo officers' names
    assert "Jill Paterson" not in form and "Laura Lloyd Davies" not in form
    assert "10.4.1 Report formally" not in form
    response = client.post(reverse("reports:committee_new"), committee_form(projects))
    assert response.status_code == 302
    saved = Committee.objects.get()
    assert saved.health_board == projects.hywel_dda and saved.updated_by == projects.editor
    assert saved.history.first().history_user == projects.editor
    cover = monitoring_document(Quarter.parse(PERIOD), "cy", saved).blocks[0]
    assert ("DYDDIAD Y CYFARFOD: DATE OF MEETING:", "29 Ionawr 2026") in cover.rows
    assert ("CYFARWYDDWR ARWEINIOL: LEAD DIRECTOR:", "A Director, Director of Primary Care") in cover.rows
    assert ("SWYDDOG ADRODD: REPORTING OFFICER:", "Swyddog, Rheolwr Datblygu Clystyrau") in cover.rows
    page = paper(client, committee=saved.pk).content.decode()
    assert "29 July 2025" not in page and "29 January 2026" in page and "Er Penderfyniad/For Decision" in page
    again = client.post(reverse("reports:committee_new"), committee_form(projects))
    assert again.status_code == 200 and Committee.objects.count() == 1  # one committee of that name per board


def test_only_editors_of_the_board_change_its_committees(client, projects):
    committee = Committee.default(projects.hywel_dda)
    client.force_login(projects.viewer)
    assert client.get(reverse("reports:committee_new")).status_code == 403
    assert client.get(reverse("reports:committee", args=[committee.pk])).status_code == 403
    client.force_login(projects.other_editor)
    assert client.get(reverse("reports:committee", args=[committee.pk])).status_code == 403
    refused = client.post(reverse("reports:committee_new"), committee_form(projects))
    assert refused.status_code == 200 and not Committee.objects.filter(updated_by=projects.other_editor).exists()
    client.force_login(projects.outsider)
    assert paper(client, committee=committee.pk).status_code == 404
    client.force_login(projects.editor)
    assert client.get(reverse("reports:committee", args=[committee.pk])).status_code == 200


def test_scope_lists_the_boards_clusters(projects):
    scope = scope_of(Quarter.parse(PERIOD), health_board="7A2")
    assert scope.board_en == "Hywel Dda University Health Board"
    assert [c.code for c in scope.clusters] == ["AG", "LL"]
    assert [c.code for c in scope_of(Quarter.parse(PERIOD), health_board="7A2", visible={projects.ll.pk}).clusters] == [
        "LL"
    ]


def test_report_command_writes_each_format(projects, tmp_path):
    for fmt in ("docx", "pdf", "html"):
        output = tmp_path / f"paper.{fmt}"
        call_command(
            "report", "monitoring", "--period", PERIOD, "--format", fmt, "--language", "both",
            "--health-board", "7A2", "--output", str(output), "--meeting-date", "2025-07-01", stdout=io.StringIO(),
        )  # fmt: skip
        assert output.stat().st_size > 3000
    assert "Ar draws y ddau glwstwr" in (tmp_path / "paper.html").read_text(encoding="utf-8")
    pack = tmp_path / "pack.docx"
    call_command(
        "report", "data-pack", "--cluster", "ag", "--period", PERIOD, "--output", str(pack), stdout=io.StringIO()
    )
    assert pack.read_bytes()[:2] == b"PK"
    with pytest.raises(CommandError, match="needs the date of its meeting"):
        call_command("report", "monitoring", "--period", PERIOD, "--format", "docx", "--output", str(pack))
    with pytest.raises(CommandError, match="no committee called"):
        call_command("report", "monitoring", "--period", PERIOD, "--format", "docx", "--committee", "Nobody")
    with pytest.raises(CommandError, match="not a cluster code"):
        call_command("report", "data-pack", "--cluster", "ZZ", "--period", PERIOD, "--output", str(pack))


def test_paper_details_are_edited_on_the_paper_page_and_remembered(client, projects):
    """Issue 12 item 17: the Objectives, Further information and Impact tables come from the
    committee's remembered settings, are changed on the paper page, and need a meeting date."""
    committee = Committee.objects.create(
        health_board=projects.hywel_dda,
        name_en="Strategy and Planning Committee",
        name_cy="Pwyllgor Strategaeth a Chynllunio",
    )
    client.force_login(projects.editor)
    page = paper(client, committee=committee.pk).content.decode()
    assert 'id="paper-details"' in page and "Date of meeting required" in page
    url = reverse("reports:monitoring") + f"?period={PERIOD}&committee={committee.pk}"
    missing_date = client.post(url, {"detail_tor_reference_en": "10.4.1 Report to the Board."})
    assert missing_date.status_code == 400 and Committee.objects.get().paper_details == {}
    saved = client.post(
        url,
        {
            "meeting_date": "2025-07-01",
            "detail_tor_reference_en": "10.4.1 Report formally to the Board on Cluster activities.",
            "detail_tor_reference_cy": "10.4.1 Adrodd yn ffurfiol i’r Bwrdd.",
            "detail_datix_risk_en": "1708 – Fragility in primary care contractor services (6)",
            "detail_impact_equality_en": "Equality impact considered.",
        },
    )
    assert saved.status_code == 302
    committee.refresh_from_db()
    assert committee.meeting_date.isoformat() == "2025-07-01"
    assert committee.paper_details["datix_risk"]["en"] == "1708 – Fragility in primary care contractor services (6)"
    page = paper(client, committee=committee.pk).content.decode()
    assert "Download Word" in page and "1708 – Fragility in primary care contractor services (6)" in page
    assert "Cyfeirnod Cylch Gorchwyl y Pwyllgor:" in page and "Committee ToR Reference:" in page
    welsh = paper(client, committee=committee.pk, language="cy").content.decode()
    assert "10.4.1 Adrodd yn ffurfiol i’r Bwrdd." in welsh
    assert "Equality impact considered." in welsh  # no Welsh given: the English is used
    client.force_login(projects.viewer)
    assert client.post(url, {"meeting_date": "2025-07-02"}).status_code == 403


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_paper_for_a_chosen_cluster_without_returns_says_so(projects, language):
    """A paper asked for one cluster with no return in the quarter (no board given) is about that
    cluster, and one asked for a cluster that is not there says it covers none: neither fails."""
    from cymuned.reports.writing import write

    empty = factories.unit("cluster", "EMPTY", parent=projects.hywel_dda, name_en="Empty Cluster")
    quarter = Quarter.parse(PERIOD)
    assert [c.code for c in scope_of(quarter, clusters=[empty.code]).clusters] == ["EMPTY"]
    document = monitoring_document(quarter, language, clusters=[empty.code])
    text = write(document, "html").decode()
    assert "Empty Cluster" in text and "(EMPTY)" in text
    nothing = monitoring_document(quarter, language, clusters=["NO-SUCH"])
    covers_none = {
        "en": "This report covers no Primary Care Cluster",
        "cy": "Nid yw’r adroddiad hwn yn ymdrin ag unrhyw",
    }
    assert covers_none[language] in write(nothing, "html").decode()
    assert write(nothing, "docx")[:2] == b"PK"
