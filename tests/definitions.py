"""The definitions as the repository's files hold them, for tests that call the pure rules: the same
files `cymuned load-definitions` loads (no database needed)."""

from datetime import date
from typing import Any

from cymuned.definitions.versions import pick, read_files

ON = date(2025, 9, 30)  # the end of 2025-26 Q2, the quarter most tests speak of


def in_files(name: str, on: date = ON) -> dict[str, Any]:
    return pick(read_files()[name], on).content
