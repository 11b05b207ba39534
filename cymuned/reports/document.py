"""A small document model that the Word, HTML and PDF renderers all draw from, so the three
formats say the same thing. Builders are pure functions from data to a Document; renderers know
nothing of the data."""

from dataclasses import dataclass, field

# Fills a renderer knows: the risk-grid areas and the RAG colours, as light tints so text stays legible.
FILLS = {
    "green": "CCE5D8",
    "amber": "FFF1CC",
    "red": "F6D4D1",
    "grey": "E8EDEE",
    "yellow": "FFF9C4",
}


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    keep_with_next: bool = False  # a lead-in ("Red – of concern:") stays on the page of what it leads to

    @classmethod
    def of(cls, text: str, bold_lead: str = "") -> "Paragraph":
        """A paragraph of plain text, optionally led by a bold word ("NOTE the process…")."""
        return cls((Run(bold_lead, bold=True), Run(" " + text)) if bold_lead else (Run(text),))

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Heading:
    level: int  # 1–3
    text: str


@dataclass(frozen=True)
class BulletList:
    items: tuple[Paragraph, ...]

    @classmethod
    def of(cls, *texts: str) -> "BulletList":
        return cls(tuple(Paragraph.of(text) for text in texts))


@dataclass(frozen=True)
class Cell:
    """A table cell with more than a string: blocks of its own, a fill, bold text."""

    text: str = ""
    blocks: tuple = ()
    fill: str = ""  # a key of FILLS
    bold: bool = False
    align: str = ""  # "", "center" or "right"


@dataclass(frozen=True)
class Table:
    header: tuple[str | Cell, ...]
    rows: tuple[tuple[str | Cell, ...], ...]
    caption: str = ""
    numeric_columns: tuple[int, ...] = ()
    row_headers: bool = False  # the first cell of each row names the row
    column_group: str = ""  # a label spanning every column but the first, above the header ("RAG")
    row_group: str = ""  # a label spanning every row, before the row headers ("Trend")
    widths: tuple[int, ...] = ()  # relative column widths, the row-group column included; empty: equal

    @property
    def compact(self) -> bool:
        """Cells of plain text only: small enough to keep on one page."""
        return not any(isinstance(cell, Cell) and cell.blocks for row in self.rows for cell in row)


@dataclass(frozen=True)
class Figure:
    spec: dict = field(hash=False)  # a Vega-Lite spec, the same one a web page draws
    alt_text: str = ""
    caption: str = ""


@dataclass(frozen=True)
class CoverTable:
    """The cover of a committee paper: the committee's names above a table of label / value rows."""

    committee: tuple[str, ...]
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class SideBySide:
    """Welsh on the left, English on the right, as Welsh public bodies set bilingual text."""

    left: tuple
    right: tuple
    left_label: str = "Cymraeg"
    right_label: str = "English"
    left_language: str = "cy"
    right_language: str = "en"


Block = Heading | Paragraph | BulletList | Table | Figure | CoverTable | PageBreak | SideBySide


@dataclass(frozen=True)
class Document:
    title: str
    language: str  # en, cy or both
    blocks: tuple[Block, ...]

    def figures(self) -> list[Figure]:
        found = []
        for block in self.blocks:
            if isinstance(block, Figure):
                found.append(block)
            elif isinstance(block, SideBySide):
                found.extend(b for b in (*block.left, *block.right) if isinstance(b, Figure))
        return found
