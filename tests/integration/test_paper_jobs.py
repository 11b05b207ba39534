"""Committee papers for large scopes written as background jobs (issue 19, item 2; issue 14's target for
papers of a board or of Wales): the paper page queues the job, the job's page shows its step and then
the download, the file is a real Word or PDF file, and only its owner and national administrators —
who may still read what it covers — download it. Small papers are still downloaded at once.

Tasks run at once here (the immediate backend, cymuned/settings_test.py); `CYMUNED_PAPER_JOB_ABOVE`
is lowered so that the two-project paper of the fixture counts as large."""

import io

import pytest
from django.urls import reverse
from docx import Document as WordDocument

from cymuned.accounts.models import RoleGrant
from cymuned.jobs import running
from cymuned.jobs.models import Job, JobOutput
from cymuned.periods import Quarter
from cymuned.reports import tasks

from .. import factories

PERIOD = "2025-26-Q1"
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def projects(world):
    """Two projects of Hywel Dda with a return (one per cluster), one of Powys: as test_reports_pages."""
    pain = factories.project("AG-PAIN", [world.ag], name="Persistent Pain Service")
    factories.monitoring_return(pain, PERIOD, target_attainment_pct=80, narrative="Referrals fell in the quarter.")
    frailty = factories.project("LL-FRAIL", [world.ll], name="Frailty Team")
    factories.monitoring_return(frailty, PERIOD, target_attainment_pct=100)
    powys = factories.project("MP-X", [world.mid_powys], name="Powys only")
    factories.monitoring_return(powys, PERIOD, target_attainment_pct=100)
    return world


@pytest.fixture
def large(settings):
    """Hywel Dda's paper (two projects) is above the threshold; Amman Gwendraeth's alone (one) is not."""
    settings.CYMUNED_PAPER_JOB_ABOVE = 1


def paper_url(**params) -> str:
    query = "&".join(f"{key}={value}" for key, value in {"period": PERIOD, "board": "7A2", **params}.items())
    return f"{reverse('reports:monitoring')}?{query}"


def ask(client, fmt: str = "docx", **params):
    return client.post(paper_url(meeting_date="2025-07-01", **params), {"write": fmt}, follow=True)


def file_url(job: Job) -> str:
    return reverse("reports:paper_file", args=[job.pk])


def test_a_large_paper_offers_to_be_written_in_the_background_instead_of_downloads(client, projects, large):
    client.force_login(projects.viewer)
    page = client.get(paper_url(meeting_date="2025-07-01")).content.decode()
    assert 'id="paper-in-background"' in page and "This paper speaks of 2 projects" in page
    assert 'name="write" value="docx"' in page and 'name="write" value="pdf"' in page
    assert "download=docx" not in page and "Download Word" not in page
    # an old download link for a large paper is not written inside the request: the page says why
    old = client.get(paper_url(meeting_date="2025-07-01", download="pdf"))
    assert old["Content-Type"].startswith("text/html") and "written in the background" in old.content.decode()
    assert not Job.objects.exists()


def test_a_word_paper_is_written_by_a_job_and_downloaded_from_its_page(client, projects, large):
    client.force_login(projects.viewer)
    response = ask(client, "docx", language="cy")
    job = Job.objects.get()
    assert response.redirect_chain == [(f"/jobs/{job.pk}/", 302)]
    assert (job.kind, job.label, job.user, job.state) == (
        "paper",
        "monitoring-7A2-2025-26-Q1-cy.docx",
        projects.viewer,
        "done",
    )
    assert job.arguments["clusters"] is None  # a whole board's paper
    page = response.content.decode()
    assert "Committee paper" in page and "monitoring-7A2-2025-26-Q1-cy.docx written (" in page
    assert f'href="{file_url(job)}"' in page and "Download the paper" in page
    assert "hx-trigger" not in page  # finished: nothing left to poll
    download = client.get(file_url(job))
    assert download["Content-Type"] == WORD
    assert download["Content-Disposition"] == 'attachment; filename="monitoring-7A2-2025-26-Q1-cy.docx"'
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(download.content)).paragraphs)
    assert "Persistent Pain Service" in text  # the Welsh paper names the projects as entered
    assert JobOutput.objects.get(job=job).size == len(download.content)
    # listed among the person's jobs
    assert f'href="/jobs/{job.pk}/"' in client.get(reverse("jobs:index")).content.decode()


def test_a_pdf_paper_too(client, projects, large):
    client.force_login(projects.viewer)
    ask(client, "pdf", language="both")
    job = Job.objects.get()
    download = client.get(file_url(job))
    assert download["Content-Type"] == "application/pdf" and download.content.startswith(b"%PDF")


def test_the_job_page_says_which_step_a_paper_is_on(client, world, settings):
    job = running.create("paper", "monitoring-7A2-2025-26-Q1-en.pdf", world.viewer, {"health_board": "7A2"})
    running.begin(job.pk)
    client.force_login(world.viewer)
    running.step(job, "gathering")
    assert "Now: Gathering the figures" in client.get(f"/jobs/{job.pk}/").content.decode()
    running.step(job, "writing-pdf")
    page = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in page and "Now: Writing the PDF file" in page
    assert "Download the paper" not in page  # not written yet
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    welsh = client.get(f"/jobs/{job.pk}/")
    assert "Ar hyn o bryd: Wrthi&#x27;n ysgrifennu&#x27;r ffeil PDF" in welsh.content.decode()


def test_only_the_owner_and_national_administrators_download_it(client, projects, large):
    client.force_login(projects.viewer)
    ask(client)
    job = Job.objects.get()
    for other in (projects.editor, projects.other_editor, projects.ag_viewer, projects.outsider):
        client.force_login(other)
        assert client.get(file_url(job)).status_code == 404  # reads as a file that does not exist
        assert client.get(f"/jobs/{job.pk}/").status_code == 404
    for administrator in (projects.national, projects.admin):
        client.force_login(administrator)
        assert client.get(file_url(job)).content[:2] == b"PK"
    client.logout()
    assert client.get(file_url(job)).status_code == 302  # to the sign-in page


def test_access_is_asked_again_at_each_download(client, projects, large):
    client.force_login(projects.viewer)
    ask(client)
    job = Job.objects.get()
    assert client.get(file_url(job)).status_code == 200
    RoleGrant.objects.filter(user=projects.viewer).delete()  # no longer a viewer of Hywel Dda
    assert client.get(file_url(job)).status_code == 403
    assert client.get(f"/jobs/{job.pk}/").status_code == 200  # their job is still theirs to see


def test_a_paper_limited_to_the_owners_clusters_needs_each_of_them(client, projects, settings):
    settings.CYMUNED_PAPER_JOB_ABOVE = 0  # the cluster viewer's paper (one project) counts as large
    owner = factories.user("ag-and-ll", {projects.ag: "viewer", projects.ll: "viewer"})
    client.force_login(owner)
    ask(client)
    job = Job.objects.get()
    assert job.state == "done" and sorted(job.arguments["clusters"]) == ["AG", "LL"]
    assert client.get(file_url(job)).status_code == 200
    RoleGrant.objects.filter(user=owner, unit=projects.ll).delete()  # sees Amman Gwendraeth only now
    assert client.get(file_url(job)).status_code == 403


def test_a_small_paper_is_still_downloaded_at_once(client, projects):
    client.force_login(projects.ag_viewer)  # Amman Gwendraeth only: one project, under the default 500
    page = client.get(paper_url(meeting_date="2025-07-01")).content.decode()
    assert "Download Word" in page and 'id="paper-in-background"' not in page
    word = client.get(paper_url(meeting_date="2025-07-01", download="docx"))
    assert word["Content-Type"] == WORD and word.content[:2] == b"PK"
    assert not Job.objects.exists()


def test_a_paper_that_fails_records_why_and_keeps_no_file(client, projects, large, monkeypatch):
    def fail(document, fmt):
        raise RuntimeError("out of memory")

    monkeypatch.setattr(tasks, "write", fail)
    client.force_login(projects.viewer)
    page = ask(client, "pdf").content.decode()
    job = Job.objects.get()
    assert job.state == "failed" and job.finished_at is not None
    assert job.outcome == "The paper could not be written: an unexpected error (RuntimeError)."
    assert job.outcome in page and "Download the paper" not in page
    assert not JobOutput.objects.exists()
    assert client.get(file_url(job)).status_code == 404


def test_a_paper_that_cannot_be_written_as_asked_is_refused_with_the_reason(projects):
    asked = tasks.PaperAsked(Quarter.parse(PERIOD), "en", "docx", "ZZ9", meeting_date=Quarter.parse(PERIOD).end)
    job = tasks.queue_paper(asked, projects.viewer)
    job.refresh_from_db()
    assert (job.state, job.outcome) == ("rejected", "The health board ZZ9 no longer exists.")


def test_asking_without_a_format_or_a_meeting_date_writes_nothing(client, projects, large):
    client.force_login(projects.viewer)
    assert "Choose Word or PDF." in ask(client, "html").content.decode()
    no_date = client.post(paper_url(), {"write": "docx"}, follow=True).content.decode()
    assert "Give the date of the meeting before the paper is written." in no_date
    assert not Job.objects.exists()


def test_who_may_not_see_the_paper_cannot_ask_for_it(client, projects, large):
    client.force_login(projects.outsider)
    assert ask(client).status_code == 403
    client.force_login(projects.other_editor)
    assert ask(client).status_code == 403  # Hywel Dda is not theirs
    assert not Job.objects.exists()


def test_the_header_links_to_your_jobs_in_both_languages(client, world, settings):
    assert 'id="header-jobs"' not in client.get(reverse("login")).content.decode()  # signed out: no jobs
    client.force_login(world.viewer)
    page = client.get(reverse("reports:index")).content.decode()
    assert '<a class="nhsuk-header__account-link" id="header-jobs" href="/jobs/">Your jobs</a>' in page
    assert 'href="/jobs/" aria-current="page">Your jobs' in client.get(reverse("jobs:index")).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    assert 'id="header-jobs" href="/jobs/">Eich tasgau</a>' in client.get(reverse("reports:index")).content.decode()
