"""A worker's sign of life: a row per worker process, refreshed every few seconds by a thread beside
the worker's loop (so a long job does not make the worker look dead), and the question /readyz asks."""

import os
import socket
import threading
from datetime import timedelta

from django.db import close_old_connections, connection
from django.utils import timezone

from .models import WorkerHeartbeat

BEAT_SECONDS = 15
SEEN_WITHIN = timedelta(minutes=1)


def beat(worker_id: str, started_at) -> None:
    """Say this worker is alive, and mark failed the jobs of workers that are not (see running.reap)."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "seen_at": timezone.now(),
        },
    )
    from .running import reap

    reap()


def start(worker_id: str, every: float = BEAT_SECONDS) -> threading.Event:
    """Beat now and then every `every` seconds until the returned event is set."""
    from .running import reap

    stop = threading.Event()
    started_at = timezone.now()
    reap(restarting=worker_id)  # nothing runs here yet: a job left running under this id was killed
    beat(worker_id, started_at)

    def loop() -> None:
        while not stop.wait(every):
            try:
                close_old_connections()
                beat(worker_id, started_at)
            except Exception:  # a missed beat shows in /readyz; the next one may succeed
                pass
        connection.close()

    threading.Thread(target=loop, name="cymuned-heartbeat", daemon=True).start()
    return stop


def worker_seen(now=None) -> bool:
    now = now or timezone.now()
    return WorkerHeartbeat.objects.filter(seen_at__gte=now - SEEN_WITHIN).exists()
