"""What /readyz asks before a load balancer sends a web process requests: is the database there, is its
schema the one this code expects, and — once there is background work at all — is a worker alive."""

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

_migrated: set[str] = set()  # aliases found up to date: a running release's schema does not go back


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def database(alias: str = DEFAULT_DB_ALIAS) -> Check:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure to reach the database is the answer
        return Check("database", False, error.__class__.__name__)
    return Check("database", True, "ok")


def migrations(alias: str = DEFAULT_DB_ALIAS) -> Check:
    if alias not in _migrated:
        try:
            executor = MigrationExecutor(connections[alias])
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except Exception as error:
            return Check("migrations", False, error.__class__.__name__)
        if pending:
            return Check("migrations", False, f"{len(pending)} not applied")
        _migrated.add(alias)
    return Check("migrations", True, "ok")


def worker() -> Check:
    """A worker must have been seen in the last minute once any background job has been queued."""
    from django_tasks.backends.database.models import DBTaskResult

    from cymuned.jobs.heartbeat import worker_seen

    try:
        if worker_seen():
            return Check("worker", True, "ok")
        if not DBTaskResult.objects.exists():
            return Check("worker", True, "no jobs yet")
    except Exception as error:
        return Check("worker", False, error.__class__.__name__)
    return Check("worker", False, "not seen in the last minute")


def readiness() -> list[Check]:
    first = database()
    if not first.ok:
        return [first]
    return [first, migrations(), worker()]
