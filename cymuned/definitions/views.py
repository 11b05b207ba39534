"""The definitions page: every definition as it is in force on a date, with its earlier and later
versions, from the same table the rules, pages and papers read."""

import json

from django.shortcuts import render
from django.utils import translation

from cymuned import edges
from cymuned.periods import local_date

from .presenting import Code, in_language, present
from .versions import read_files, versions


def _cells(tables) -> list[dict]:
    """Tables as the template shows them: each cell a text or a list of lines."""
    return [
        {
            "caption": table.caption,
            "header": table.header,
            "rows": [
                [
                    {"text": cell, "code": isinstance(cell, Code)} if isinstance(cell, str) else {"lines": list(cell)}
                    for cell in row
                ]
                for row in table.rows
            ],
        }
        for table in tables
    ]


def index(request):
    on = edges.iso_date(request.GET.get("on")) or local_date()
    language = "cy" if translation.get_language() == "cy" else "en"
    shown = []
    for name in sorted(read_files()):  # the definitions the repository has; versions from the table
        found = versions(name)
        current = max((v for v in found if v.effective_from <= on), key=lambda v: v.effective_from, default=found[0])
        tables = present(name, current.content, language)
        shown.append(
            {
                "name": name,
                "title": in_language(current.content.get("title", name), language),
                "version": current,
                "versions": found,
                "source": current.content.get("source", ""),
                "tables": _cells(tables or []),
                "raw": None if tables else json.dumps(current.content, ensure_ascii=False, indent=2),
            }
        )
    return render(request, "definitions/index.html", {"on": on, "definitions": shown})
