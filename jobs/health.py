"""When a Celery worker was last seen alive, for ``/readyz`` and the operators.

Every worker process records itself when it starts and each time it runs the job sweep
(``jobs.jobs.jobs_sweep``, every ``JOB_SWEEP_SECONDS`` from beat), in the database rather than
Redis so the answer survives a broker restart.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from jobs.models import WorkerSeen


def worker_seen(name: str) -> None:
    """Record that the worker ``name`` (``host:pid``) is alive now."""
    WorkerSeen.objects.update_or_create(name=name[:128], defaults={"seen_at": timezone.now()})


def worker_seen_at() -> datetime | None:
    """When any worker was last seen, or None if never."""
    latest = WorkerSeen.objects.order_by("-seen_at").first()
    return latest.seen_at if latest else None


def worker_alive() -> bool:
    """A worker was seen within three sweep intervals."""
    seen = worker_seen_at()
    limit = timedelta(seconds=3 * settings.JOB_SWEEP_SECONDS)
    return seen is not None and timezone.now() - seen <= limit
