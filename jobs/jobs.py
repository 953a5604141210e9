"""The Celery tasks of every long job: one runner and the sweep (see ``jobs.services``)."""

from celery import shared_task
from celery.signals import worker_process_init, worker_ready
from django.conf import settings

from jobs import services


@shared_task(
    # Acknowledged only when finished, and requeued if the worker process dies mid-job
    # (services._start runs a message twice at most once, and stops after MAX_ATTEMPTS).
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=60,
    max_retries=services.MAX_ATTEMPTS - 1,
    soft_time_limit=settings.JOB_SOFT_TIME_LIMIT,
    time_limit=settings.JOB_TIME_LIMIT,
)
def job_run(label: str, pk: int) -> None:
    services.job_execute(label, pk)


@shared_task
def jobs_sweep() -> dict[str, int]:
    services.record_worker()
    return services.jobs_sweep()


@worker_ready.connect
@worker_process_init.connect
def _worker_started(**kwargs) -> None:
    services.record_worker()
