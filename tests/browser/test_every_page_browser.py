"""Issue 13, "Done when": every page of the URL map, with the demonstration data, in English and in
Welsh, at 375 px (a phone) and 1280 px (a laptop): nothing scrolls sideways, axe-core finds no
violation, and no interface string of the Welsh catalogue is left in English on a Welsh page.

The pages are found by walking the URL map (tests/urlmap.py), so a page added to the site is visited
without anyone listing it; its path arguments are filled from the demonstration data below."""

import io
import os
import re
from datetime import timedelta
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import get_resolver
from django.utils import timezone

from ..urlmap import walk
from .accessibility import axe

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "cymuned" / "locale" / "cy" / "LC_MESSAGES" / "django.po"
WIDTHS = (375, 1280)

# Routes that are not pages a person reads: data, downloads, redirects and POST-only actions.
NOT_PAGES = {
    "healthz",
    "readyz",
    "metrics",
    "oidc_authentication_init",
    "oidc_callback",
    "set_language",
    "logout",
    "openapi-json",
    "root",
    "api-root",
    "health_boards",
    "unit_detail",
    "summary",
    "projects",
    "project_api",
    "position",
    "template",
    "revoke_links",
    "issue_link",
    # the funding round's actions (POST only) and the decision letter's downloads
    "submit",
    "add_assessor",
    "consensus",
    "decide",
    "create_project",
    "letter_docx",
    "letter_pdf",
    "action_status",  # a peer review action's status: POST only
    "paper_file",  # a paper written as a job: a download, from the job's page
    "cluster_options",  # the typed cluster filter's suggestions: <option>s for a <datalist>, not a page
    "password_reset_confirm",  # a made-up token only redirects to the "link is invalid" page, visited below
}
API_ROUTES = re.compile(r"^api/v1/(?!docs$)")

# More than one view of a page: other tabs and choices that lay out differently.
VARIANTS = {
    "finance:index": ["?by=neighbourhood"],
    "reports:monitoring": ["&language=both"],
}

# Words of the catalogue that read the same in both languages, or that name things.
SAME_IN_BOTH = {"API", "CSV", "XLSX", "RAG", "NHS", "Cymuned", "Cymraeg", "English", "PDF", "Word", "SPC", "ID"}


def english_msgids() -> tuple[set[str], list[re.Pattern[str]]]:
    """The English interface strings the Welsh catalogue translates: plain ones, and those with
    placeholders as patterns (a placeholder stands for any text)."""
    plain: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for entry in polib.pofile(str(CATALOGUE)):
        if entry.obsolete or not entry.msgstr or entry.msgstr == entry.msgid or entry.msgid in SAME_IN_BOTH:
            continue
        text = " ".join(entry.msgid.split())
        if not re.search(r"[A-Za-z]{3}", text):
            continue
        if re.search(r"%\(\w+\)[sdf]|%[sd]|\{\w*\}", text):
            fixed = re.split(r"%\(\w+\)[sdf]|%[sd]|\{\w*\}", text)
            if sum(len(part.strip()) for part in fixed) < 12:
                continue  # too little fixed text to tell it from data
            patterns.append(re.compile("^" + ".+?".join(re.escape(part) for part in fixed) + "$"))
        else:
            plain.add(text)
    return plain, patterns


# Every text node's trimmed text, and the accessible names people hear (alt, aria-label, title).
TEXTS_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, template, [lang="en"], code, pre, #swagger-ui')) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (text) out.push(text);
  }
  for (const el of document.querySelectorAll('[aria-label], [alt], [title]')) {
    if (el.closest('[lang="en"], #swagger-ui')) continue;
    for (const name of ['aria-label', 'alt', 'title']) {
      const value = el.getAttribute(name);
      if (value) out.push(value.replace(/\\s+/g, ' ').trim());
    }
  }
  for (const el of document.querySelectorAll('input[type=submit], input[type=button]')) out.push(el.value);
  return out;
}"""

OVERFLOW_JS = """() => {
  const doc = document.documentElement;
  const wide = [];
  if (doc.scrollWidth > window.innerWidth) {
    for (const el of document.querySelectorAll('body *')) {
      const box = el.getBoundingClientRect();
      if (box.right > window.innerWidth + 1 && el.children.length === 0) {
        wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && el.className.baseVal === undefined ? '.' + String(el.className).split(' ')[0] : '') + ' ' + Math.round(box.right));
        if (wide.length > 3) break;
      }
    }
  }
  return {scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth, wide};
}"""


def untranslated(texts: list[str], plain: set[str], patterns: list[re.Pattern[str]]) -> set[str]:
    found = set()
    for text in texts:
        if text in plain:
            found.add(text)
            continue
        # A longer piece of text holding a whole sentence of the catalogue.
        for msgid in plain:
            if len(msgid) >= 25 and msgid in text:
                found.add(msgid)
        for pattern in patterns:
            if pattern.match(text):
                found.add(pattern.pattern)
    return found


def pages(codes: dict[str, str]) -> list[tuple[str, str]]:
    """(URL name, path) of every page of the URL map, arguments filled from `codes`."""
    out = []
    for route, name, _plain in walk(get_resolver().url_patterns):
        if route.startswith("admin/") or name is None or (name in NOT_PAGES) or API_ROUTES.match(route):
            continue
        path = "/" + route
        for argument in re.findall(r"<(?:\w+:)?(\w+)>", route):
            path = re.sub(
                rf"<(?:\w+:)?{argument}>",
                codes[f"{name}.{argument}"] if f"{name}.{argument}" in codes else codes[argument],
                path,
            )
        query = codes.get(f"{name}?", "")
        out.append((name, path + query))
        for variant in VARIANTS.get(name, []):
            out.append((name, path + (query + variant if variant.startswith("&") else variant)))
    return out


def demo_codes() -> dict[str, str]:
    """Arguments for the URL map from the demonstration data (loaded by setup-demo)."""
    from cymuned.outcomes import links
    from cymuned.outcomes.models import ExpectedReturn
    from cymuned.portfolio.models import Project
    from cymuned.portfolio.queries import default_period
    from cymuned.reports.models import Committee

    period = str(default_period())
    expected = ExpectedReturn.objects.select_related("project").filter(project__measures__isnull=False).first()
    assert expected is not None, "the demonstration data has outcome returns"
    expected.due = timezone.localdate() + timedelta(days=10)
    expected.save()
    token = links.issue(expected)
    project = Project.objects.get(code=expected.project.code)
    committee = Committee.objects.create(
        name_en="Primary care committee", name_cy="Pwyllgor gofal sylfaenol", title_en="Monitoring", title_cy="Monitro"
    )
    from cymuned.maturity.models import Assessment
    from cymuned.meetings.models import Meeting
    from cymuned.peerreview.models import Action, Review
    from cymuned.proposals.models import Proposal
    from cymuned.risks.models import Risk

    proposal = Proposal.objects.select_related("round").order_by("code").first()
    assessment = Assessment.objects.select_related("unit").order_by("cycle", "unit__code").first()
    review, action = Review.objects.order_by("pk").first(), Action.objects.order_by("pk").first()
    meeting, risk = Meeting.objects.order_by("pk").first(), Risk.objects.order_by("reference").first()
    assert proposal and assessment and review and action and meeting and risk, "the demonstration has each"
    proposals = {
        f"{name}.code": proposal.code
        for name in (
            "detail", "edit", "submit", "assess", "add_assessor", "consensus", "decide", "create_project",
            "letter_docx", "letter_pdf",
        )
    }  # fmt: skip
    from cymuned.jobs.models import Job

    job = Job.objects.create(
        kind="import", label="returns.csv", state=Job.State.DONE, rows_read=3, rows_checked=3, rows_written=3
    )
    return {
        "job.pk": str(job.pk),
        **proposals,
        "ranking.pk": str(proposal.round.pk),
        "new.pk": str(proposal.round.pk),
        "meeting.pk": str(meeting.pk),
        "review.pk": str(review.pk),
        "letter.pk": str(review.pk),
        "action_status.pk": str(action.pk),
        "reference": risk.reference,
        "dashboard.code": "AG",
        "cycle.code": assessment.unit.code,
        "cycle.cycle": assessment.cycle,
        "self_reflection.code": assessment.unit.code,
        "self_reflection.cycle": assessment.cycle,
        "code": project.code,
        "period": period,
        "unit.code": "AG",
        "data_pack.code": "AG",
        "kind": "returns",
        "token": token,
        "pk": str(committee.pk),
        "committee.pk": str(committee.pk),
        "object.label": "portfolio.Project",
        "object.pk": str(project.pk),
        "issue_link.period": str(expected.period),
        "monitoring?": f"?period={period}&meeting_date=2025-06-12",
        "index?": "",
        "changes?": f"?period={period}",
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_page_fits_a_phone_and_a_laptop_passes_axe_and_is_in_its_language(browser, live_server, language):
    call_command("setup-demo", stdout=io.StringIO())
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username="admin")
    admin.set_password("correct horse battery")
    admin.save()
    codes = demo_codes()
    plain, patterns = english_msgids()

    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/accounts/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "correct horse battery")
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login" not in url)

    problems: list[str] = []
    visited = 0
    targets = pages(codes) + [("404", "/no-such-page/"), ("provide-expired", "/provide/not-a-token/")]
    only = os.environ.get("BROWSER_PAGES")  # while fixing a page: BROWSER_PAGES=/finance/,/projects/
    if only:
        targets = [(name, path) for name, path in targets if any(path.startswith(p) for p in only.split(","))]
    for _name, path in targets:
        response = page.goto(path)
        assert response is not None
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        if response.status >= 500:
            problems.append(f"{path}: {response.status}")
            continue
        page.wait_for_load_state("networkidle")
        visited += 1
        assert page.locator("html").get_attribute("lang") == language, path
        if language == "cy":
            left = untranslated(page.evaluate(TEXTS_JS), plain, patterns)
            if left:
                problems.append(f"{path} [{language}] English left: {sorted(left)}")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(50)
            size = page.evaluate(OVERFLOW_JS)
            if size["scrollWidth"] > size["innerWidth"]:
                problems.append(
                    f"{path} [{language} {width}px] scrolls sideways: {size['scrollWidth']}px {size['wide']}"
                )
            for violation in axe(page):
                problems.append(f"{path} [{language} {width}px] axe: {violation}")
    context.close()
    assert visited >= (1 if only else 25), visited
    assert not problems, "\n".join(problems)
