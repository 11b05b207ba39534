"""Settings for the test suite, named by pytest (`DJANGO_SETTINGS_MODULE` in pyproject.toml).

The one settings module, read as in development (`CYMUNED_DEV=1`): plain http on loopback and a fixed
key. Tests that check production settings run `cymuned` in a child process without this module.
"""

import os

os.environ.setdefault("CYMUNED_DEV", "1")

from cymuned.settings import *  # noqa: E402, F403

# A second alias on the test database, so the replica router can be tested; no router unless asked.
if not DATABASE_REPLICAS:  # noqa: F405
    DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
# Each test starts from an empty cache held in memory (ids, and so data versions, repeat between tests).
CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL") or "locmem://tests")}  # noqa: F405
# Jobs run at once, inside the request that queues them, so a test follows an upload to its outcome;
# tests/integration/test_jobs.py starts a real `cymuned worker` against the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
