"""How a definition is shown on the definitions page. A capability registers, for each definition it
owns, a function from the version's content and a language ("en" or "cy") to tables; a definition
with none registered is shown as its file's content. Registration happens in the app's `ready()`, so
this low layer never imports the capabilities above it."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


class Code(str):
    """A code as files and commands write it (`score`, `categories`): shown as code, the same in
    both languages."""


Cell = str | Sequence[str]  # a list of strings is shown as a bulleted list; a Code as code


@dataclass(frozen=True)
class Shown:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


Presenter = Callable[[dict[str, Any], str], list[Shown]]

_presenters: dict[str, Presenter] = {}


def register(name: str, presenter: Presenter) -> None:
    _presenters[name] = presenter


def present(name: str, content: dict[str, Any], language: str) -> list[Shown] | None:
    presenter = _presenters.get(name)
    return presenter(content, language) if presenter else None


def in_language(entry: Any, language: str) -> str:
    """{"en": …, "cy": …} → the text in the language (English when there is no Welsh)."""
    if isinstance(entry, dict):
        return str(entry.get(language) or entry.get("en") or "")
    return str(entry)
