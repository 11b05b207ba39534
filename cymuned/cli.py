"""The `cymuned` console command: Django's management entry point with our settings."""

import os
import sys
from pathlib import Path


def ensure_var_dir() -> None:
    """Make CYMUNED_VAR_DIR (the SQLite file, collected static files) when the service starts."""
    from django.conf import settings

    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cymuned.settings")
    from django.core.management import execute_from_command_line

    ensure_var_dir()
    execute_from_command_line(["cymuned", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
