"""Read replicas: safe requests read from a replica, everything else from the primary.

`DATABASE_REPLICA_URLS` (comma-separated) adds one database alias per replica (`replica1`, …) and
this router. A GET or HEAD request reads from one replica chosen for the whole request, until the
request writes anything: from then on it reads from the primary (read-after-write), and so does the
same browser for `REPLICA_PIN_SECONDS` after a request that wrote (the replica may lag behind the
redirect that follows a form). Every write, every migration, every command and every request that
is not GET or HEAD uses the primary.
"""

import random
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings

PIN_COOKIE = "cymuned_primary"


@dataclass
class _Reads:
    replica: str | None
    wrote: bool = False


_reads: ContextVar[_Reads | None] = ContextVar("cymuned_reads", default=None)


def replica_aliases() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", []))


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        reads = _reads.get()
        if reads is None or reads.wrote or reads.replica is None:
            return "default"
        return reads.replica

    def db_for_write(self, model, **hints):
        reads = _reads.get()
        if reads is not None:
            reads.wrote = True
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas hold the primary's data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaMiddleware:
    """Chooses where a request reads (first in MIDDLEWARE, so the session is read there too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        replicas = replica_aliases()
        safe = request.method in ("GET", "HEAD") and PIN_COOKIE not in request.COOKIES
        reads = _Reads(random.choice(replicas) if replicas and safe else None)
        token = _reads.set(reads)
        try:
            response = self.get_response(request)
        finally:
            _reads.reset(token)
        if replicas and (reads.wrote or request.method not in ("GET", "HEAD", "OPTIONS")):
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
