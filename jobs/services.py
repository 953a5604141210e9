"""Every change of a long job's status: enqueue, send, run, heartbeat, finish, fail, sweep, retry.

The rules that keep a job from getting stuck:

- ``job_enqueue`` marks the job queued and sends it only once the transaction commits;
  ``sent_at`` is written only after the broker accepted the message. A refused send leaves the
  job queued with ``JobNote.QUEUE_UNAVAILABLE``.
- ``jobs_sweep`` (beat, every ``JOB_SWEEP_SECONDS``) sends again every queued job not accepted
  within ``JOB_RESEND_SECONDS`` (the queue refused it, or lost it: Redis restarted empty), and
  finds running jobs whose heartbeat is older than ``JOB_STALE_SECONDS`` (their worker died):
  they are queued again, or failed with ``JobNote.WORKER_LOST`` after ``MAX_ATTEMPTS``.
- Running a message twice is harmless: ``_start`` locks the row and runs only a queued job, or
  a running one whose worker is gone; a duplicate of a done, failed or live job does nothing.
- A thread beats every ``JOB_HEARTBEAT_SECONDS`` while the job runs, on its own connection, so
  the heartbeat and the progress are visible while the job's own transaction is open.
"""

import logging
import os
import socket
import threading
import time
from contextlib import contextmanager
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.apps import apps
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from jobs import health
from jobs.models import Job, JobNote, JobStatus

logger = logging.getLogger("portal.jobs")

# Database hiccups are worth retrying (the Celery task retries them); anything else fails the job.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
# Errors of a send to a broker that is down, hung (socket timeout) or refusing.
BROKER_ERRORS = (KombuError, RedisError, OSError)
MAX_ATTEMPTS = 3


class JobRefused(Exception):
    """The job cannot be done, for a reason the user can read (stored as the job's error)."""


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def label_of(job: Job) -> str:
    return job._meta.label


def job_models() -> list[type[Job]]:
    return [model for model in apps.get_models() if issubclass(model, Job)]


def job_enqueue(job: Job, *, send: bool = True) -> None:
    """Mark the job queued from a clean slate; send it once the transaction commits.

    ``send=False`` is for a caller that runs the job itself right after the commit (a small
    import in its request); should that process die first, the sweep sends it.
    """
    job.status = JobStatus.QUEUED
    job.progress = job.attempts = 0
    job.error = job.note = job.worker = ""
    job.queued_at = timezone.now()
    job.sent_at = job.started_at = job.heartbeat_at = job.finished_at = None
    job.save()
    if send:
        label, pk = label_of(job), job.pk
        transaction.on_commit(lambda: job_send(label, pk))


def job_send(label: str, pk: int) -> bool:
    """Put the job on the queue; ``sent_at`` only once the broker accepted it."""
    from jobs.jobs import job_run  # the Celery task module imports this one

    model = apps.get_model(label)
    try:
        job_run.apply_async((label, pk), retry=False)
    except BROKER_ERRORS as exc:
        logger.warning("job=%s:%s event=send_refused error=%r", label, pk, exc)
        model.objects.filter(pk=pk, status=JobStatus.QUEUED).update(note=JobNote.QUEUE_UNAVAILABLE)
        return False
    model.objects.filter(pk=pk, status=JobStatus.QUEUED).update(
        sent_at=timezone.now(),
        note=Case(When(note=JobNote.QUEUE_UNAVAILABLE, then=Value("")), default=F("note")),
    )
    return True


def job_retry(job: Job) -> Job:
    """Queue a failed (or stuck queued) job again; does nothing to a job that is fine."""
    with transaction.atomic():
        locked = type(job).objects.select_for_update().get(pk=job.pk)
        if locked.can_retry:
            job_enqueue(locked)
    return locked


def _worker_gone(job: Job, now) -> bool:
    """The running job's worker is dead: no heartbeat for a while, or its process has gone."""
    if job.heartbeat_at is None or now - job.heartbeat_at > timedelta(
        seconds=settings.JOB_STALE_SECONDS
    ):
        return True
    host, _sep, pid = job.worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _start(model: type[Job], pk: int) -> Job | None:
    """Mark the job running for this process; None when there is nothing (more) to do."""
    with transaction.atomic():
        job = model.objects.select_for_update().filter(pk=pk).first()
        if job is None or job.status not in (JobStatus.QUEUED, JobStatus.RUNNING):
            return None  # gone, done, failed, or not confirmed yet
        now = timezone.now()
        if job.status == JobStatus.RUNNING and not _worker_gone(job, now):
            return None  # a live worker has it: this message is a duplicate
        if job.attempts >= MAX_ATTEMPTS:
            _fail(job, note=JobNote.WORKER_LOST)  # each attempt killed its worker: stop
            return None
        job.status = JobStatus.RUNNING
        job.attempts += 1
        job.started_at = job.heartbeat_at = now
        job.finished_at = None
        job.error = job.note = ""
        job.worker = worker_name()
        job.save()
        return job


def _fail(job: Job, *, error: str = "", note: str = "") -> None:
    job.status = JobStatus.FAILED
    job.error, job.note = error, note
    job.finished_at = timezone.now()
    type(job).objects.filter(pk=job.pk).update(
        status=job.status, error=error, note=note, finished_at=job.finished_at
    )
    logger.error(
        "job=%s:%s event=failed attempts=%s note=%s error=%r",
        label_of(job),
        job.pk,
        job.attempts,
        note or "-",
        error[:300],
    )


@contextmanager
def _heartbeat(job: Job):
    """Yield ``beat(percent)``; a thread records the heartbeat and the latest progress.

    Inside an outer transaction (a test, or a caller's atomic block) the thread would wait on
    the row the transaction holds, so there the progress is saved directly and no thread runs.
    """
    model = type(job)
    state = {"progress": job.progress}

    def beat(percent: int) -> None:
        state["progress"] = max(0, min(100, int(percent)))

    if connection.in_atomic_block:
        yield beat
        model.objects.filter(pk=job.pk).update(progress=state["progress"])
        return
    stop = threading.Event()

    def loop() -> None:
        try:
            while not stop.wait(settings.JOB_HEARTBEAT_SECONDS):
                model.objects.filter(
                    pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts
                ).update(heartbeat_at=timezone.now(), progress=state["progress"])
        except TRANSIENT_ERRORS:
            logger.warning("job=%s:%s event=heartbeat_lost", label_of(job), job.pk)
        finally:
            connection.close()

    thread = threading.Thread(target=loop, name=f"heartbeat-{job.pk}", daemon=True)
    thread.start()
    try:
        yield beat
    finally:
        stop.set()
        thread.join()


def job_execute(label: str, pk: int) -> None:
    """Run the job once (from the Celery task, or in-process for a small import).

    Transient database errors put the job back in the queue and propagate (the task retries);
    a time-out, a ``JobRefused`` or any other error fails the job with its true reason.
    """
    model = apps.get_model(label)
    job = _start(model, pk)
    if job is None:
        return
    began = time.monotonic()
    try:
        with _heartbeat(job) as beat:
            job.perform(beat)
    except TRANSIENT_ERRORS:
        model.objects.filter(pk=pk, status=JobStatus.RUNNING).update(
            status=JobStatus.QUEUED, note=JobNote.RESTARTED
        )
        raise
    except SoftTimeLimitExceeded:
        _fail(job, note=JobNote.TIMED_OUT)
        return
    except JobRefused as exc:
        _fail(job, error=str(exc))
        return
    except Exception as exc:
        logger.exception("job=%s:%s event=error", label, pk)
        _fail(job, error=f"{type(exc).__name__}: {exc}")
        return
    finished = timezone.now()
    done = model.objects.filter(pk=pk, status=JobStatus.RUNNING, attempts=job.attempts).update(
        status=JobStatus.DONE, progress=100, finished_at=finished, heartbeat_at=finished
    )
    logger.info(
        "job=%s:%s event=%s attempts=%s duration_ms=%d",
        label,
        pk,
        "done" if done else "superseded",
        job.attempts,
        (time.monotonic() - began) * 1000,
    )
    if done:
        job.status, job.progress, job.finished_at = JobStatus.DONE, 100, finished
        job.after_done()


def jobs_sweep() -> dict[str, int]:
    """Requeue or fail the jobs of dead workers, send again the jobs the queue never took.

    Returns counts: ``requeued`` and ``failed`` (dead workers) and ``sent`` (resends).
    """
    now = timezone.now()
    stale_before = now - timedelta(seconds=settings.JOB_STALE_SECONDS)
    resend_before = now - timedelta(seconds=settings.JOB_RESEND_SECONDS)
    counts = {"requeued": 0, "failed": 0, "sent": 0}
    for model in job_models():
        label = model._meta.label
        running = model.objects.filter(status=JobStatus.RUNNING).filter(
            Q(heartbeat_at__lt=stale_before) | Q(heartbeat_at__isnull=True)
        )
        for pk in running.values_list("pk", flat=True):
            outcome = _recover(model, pk, stale_before)
            if outcome:
                counts[outcome] += 1
        never_sent = Q(queued_at__lt=resend_before) | Q(queued_at__isnull=True)
        unsent = model.objects.filter(status=JobStatus.QUEUED).filter(
            Q(sent_at__lt=resend_before) | Q(sent_at__isnull=True) & never_sent
        )
        for pk in list(unsent.values_list("pk", flat=True)):
            logger.error("job=%s:%s event=resend", label, pk)
            counts["sent"] += job_send(label, pk)
    return counts


def _recover(model: type[Job], pk: int, stale_before) -> str | None:
    """A running job without a heartbeat: queue it again, or fail it after MAX_ATTEMPTS."""
    with transaction.atomic():
        job = model.objects.select_for_update().get(pk=pk)
        last_seen = job.heartbeat_at or job.started_at  # both empty: running before jobs/
        if job.status != JobStatus.RUNNING or (last_seen and last_seen >= stale_before):
            return None  # it finished, or beat again, since the sweep looked
        logger.error(
            "job=%s:%s event=worker_lost worker=%s heartbeat_at=%s attempts=%s",
            model._meta.label,
            pk,
            job.worker,
            job.heartbeat_at,
            job.attempts,
        )
        if job.attempts >= MAX_ATTEMPTS:
            _fail(job, note=JobNote.WORKER_LOST)
            return "failed"
        model.objects.filter(pk=pk).update(
            status=JobStatus.QUEUED, note=JobNote.RESTARTED, sent_at=None, queued_at=timezone.now()
        )
        transaction.on_commit(lambda: job_send(model._meta.label, pk))
        return "requeued"


def record_worker() -> None:
    """Tell ``/readyz`` this worker is alive (a database outage only skips the record)."""
    try:
        health.worker_seen(worker_name())
    except TRANSIENT_ERRORS:
        logger.warning("worker=%s event=not_recorded", worker_name())
