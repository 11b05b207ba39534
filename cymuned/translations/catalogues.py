"""Where the Welsh catalogues live, and compiling them without GNU gettext installed."""

from pathlib import Path

import polib

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def catalogues() -> list[Path]:
    """Every .po file in the package: the project's own and one per capability."""
    return sorted(PACKAGE_DIR.glob("**/locale/*/LC_MESSAGES/*.po"))


def compile_all() -> list[Path]:
    """Write the .mo beside each .po whose .mo is missing or older. Returns those written."""
    written = []
    for po_path in catalogues():
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


if __name__ == "__main__":  # `make messages`: needs no Django settings
    print(f"{len(catalogues())} catalogues, {len(compile_all())} compiled")
