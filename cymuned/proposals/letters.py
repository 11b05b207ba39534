"""The decision letter to a proposer: Word and PDF, in English, Welsh or both (Welsh first)."""

import io

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .data import rule_criteria, rule_proposals
from .models import Proposal
from .ranking import criterion_score, hurdle_passed, round_half_up, score

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _content(proposal: Proposal, language: str) -> dict:
    """The letter's words and figures in one language."""
    with translation.override(language):
        criteria = list(proposal.round.criteria.all())
        rule = rule_proposals([proposal], criteria)[0]
        rows = []
        for c in criteria:
            values = rule.assessments.get(c.code, ())
            agreed = rule.consensus.get(c.code)
            if c.kind == "hurdle":
                shown = _("pass") if hurdle_passed(values, agreed) else _("fail")
            else:
                shown = str(round_half_up(criterion_score(values, agreed)))
            rows.append((c.name, shown))
        return {
            "language": language,
            "heading": _("Decision on your proposal"),
            "title": f"{proposal.code} {proposal.title}",
            "lines": [
                _("Funding round: %(board)s %(year)s")
                % {"board": proposal.round.health_board, "year": proposal.round.year},
                _("Date of meeting: %(date)s")
                % {"date": proposal.meeting_date.isoformat() if proposal.meeting_date else ""},
                _("Minute reference: %(ref)s") % {"ref": proposal.minute_ref},
                _("Decision: %(decision)s") % {"decision": proposal.get_decision_display()},
                _("Score: %(score)s out of 100") % {"score": score(rule_criteria(criteria), rule)},
            ],
            "criteria_heading": _("Criteria"),
            "criterion": _("Criterion"),
            "result": _("Result"),
            "rows": rows,
            "reasons_heading": _("Reasons"),
            "reasons": proposal.decision_reasons,
            "conditions_heading": _("Conditions"),
            "conditions": proposal.conditions or _("None"),
        }


def contents(proposal: Proposal, language: str) -> list[dict]:
    return [_content(proposal, code) for code in (["cy", "en"] if language == "both" else [language])]


def render(proposal: Proposal, language: str, fmt: str) -> tuple[bytes, str]:
    parts = contents(proposal, language)
    if fmt == "pdf":
        from weasyprint import HTML

        html = render_to_string("proposals/letter.html", {"parts": parts})
        return HTML(string=html).write_pdf(), "application/pdf"
    from docx import Document

    word = Document()
    for n, part in enumerate(parts):
        if n:
            word.add_page_break()
        word.add_heading(part["heading"], level=1)
        word.add_heading(part["title"], level=2)
        for line in part["lines"]:
            word.add_paragraph(line)
        word.add_heading(part["criteria_heading"], level=2)
        table = word.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = part["criterion"], part["result"]
        for name, shown in part["rows"]:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = name, shown
        word.add_heading(part["reasons_heading"], level=2)
        word.add_paragraph(part["reasons"])
        word.add_heading(part["conditions_heading"], level=2)
        word.add_paragraph(part["conditions"])
    out = io.BytesIO()
    word.save(out)
    return out.getvalue(), DOCX
