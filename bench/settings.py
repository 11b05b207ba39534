"""The service's settings with one addition for the benchmark: a constant page behind the same
middleware (the framework floor)."""

from cymuned.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
