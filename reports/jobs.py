"""Celery jobs of the reports: thin wrappers that take ids and call ``reports.services``."""

from celery import shared_task
from django.utils import timezone

from reports import services


@shared_task(
    # Acknowledged only when done, and requeued if the worker process dies mid-render: a
    # killed render is retried (services._start stops after MAX_ATTEMPTS).
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=60,
    max_retries=services.MAX_ATTEMPTS - 1,
    soft_time_limit=services.SOFT_TIME_LIMIT,
    time_limit=services.TIME_LIMIT,
)
def report_render(report_id: int) -> None:
    services.report_generate(report_id)


@shared_task
def reports_sweep() -> tuple[int, int]:
    return services.reports_sweep()


@shared_task
def period_end_reports() -> list[int]:
    return [report.pk for report in services.period_end_reports(timezone.localdate())]
