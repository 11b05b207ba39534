"""A small document model that the Word, HTML and PDF renderers all draw from, so the three
formats say the same thing."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold_lead: str = ""  # printed in bold before the text, as in "NOTE the process…"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    numeric_columns: tuple[int, ...] = ()
    row_headers: bool = False


@dataclass(frozen=True)
class KeyValues:
    """The cover table: label, value pairs."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Figure:
    spec: dict
    alt: str
    caption: str


@dataclass(frozen=True)
class SideBySide:
    """Welsh on the left, English on the right, block by block."""

    left: tuple
    right: tuple


@dataclass
class Document:
    title: str
    language: str
    blocks: list = field(default_factory=list)

    def add(self, *blocks) -> None:
        self.blocks.extend(blocks)
