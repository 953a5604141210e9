"""Celery jobs of the reports (rendering runs through ``jobs.jobs.job_run``)."""

from celery import shared_task
from django.utils import timezone

from reports import services


@shared_task
def period_end_reports() -> list[int]:
    return [report.pk for report in services.period_end_reports(timezone.localdate())]
