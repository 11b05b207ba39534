"""Settings for the test suite, named by pytest (`DJANGO_SETTINGS_MODULE` in pyproject.toml).

The one settings module, read as in development (`CYMUNED_DEV=1`): plain http on loopback and a fixed
key. Tests that check production settings run `cymuned` in a child process without this module.
"""

import os

os.environ.setdefault("CYMUNED_DEV", "1")

from cymuned.settings import *  # noqa: E402, F403
