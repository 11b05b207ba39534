"""Which papers are written in the background: those about many projects.

Writing a paper takes time in proportion to the projects it speaks of (measured by `make bench`,
issue 14: a health board of about 3,600 projects takes 2–3 s as Word and 6 s as PDF, all of Wales
15–46 s), longer than a web request should be held. A paper about more than `above` projects
monitored in its quarter (the setting `CYMUNED_PAPER_JOB_ABOVE`, 500 unless set) is therefore written
by a worker as a background job, and the person downloads it from the job's page; smaller papers —
every data pack (one cluster) and a paper limited to a few clusters or a small board — are written
inside the request as before.
"""

DEFAULT_ABOVE = 500


def in_background(projects: int, above: int = DEFAULT_ABOVE) -> bool:
    """True when a paper about `projects` monitored projects is to be written as a background job.
    `above` 0 sends every paper with a project to the worker; a negative `above`, every paper."""
    return projects > above
