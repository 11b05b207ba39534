"""The demonstration data, loaded by `make run` into an empty database.

Each capability owns a loader `load(stdout) -> None` that is safe to run again; this list only says
the order (organisation first: everything else hangs off it).
"""

from django.utils.module_loading import import_string

LOADERS = [
    "cymuned.demo.organisation.load",
    "cymuned.portfolio.demo.load",
    "cymuned.geography.demo.load",
    "cymuned.finance.demo.load",
    "cymuned.outcomes.demo.load",
    "cymuned.indicators.demo.load",
    "cymuned.risks.demo.load",
    "cymuned.workforce.demo.load",
    "cymuned.meetings.demo.load",
    "cymuned.maturity.demo.load",
    "cymuned.peerreview.demo.load",
    "cymuned.proposals.demo.load",
]


def load_all(stdout) -> None:
    for dotted in LOADERS:
        import_string(dotted)(stdout)
