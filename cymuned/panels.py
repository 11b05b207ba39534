"""Sections a capability adds to another's page (risks and decisions on the project page,
leadership posts on the organisation pages) without the page's app importing it.

A capability registers, in its `apps.py`, a template and a function that gathers its context
for the person and the record; the page asks for the sections and includes each template.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Build = Callable[[Any, Any], dict | None]  # (request, record) → the template's context, or None to show nothing


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict


_registry: dict[str, dict[str, tuple[str, Build]]] = {}


def add_panel(page: str, key: str, template: str, build: Build) -> None:
    _registry.setdefault(page, {})[key] = (template, build)


def panels_for(page: str, request, record) -> list[Panel]:
    found = []
    for template, build in _registry.get(page, {}).values():
        context = build(request, record)
        if context is not None:
            found.append(Panel(template, context))
    return found
