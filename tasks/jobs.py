"""Celery jobs of the task register (large imports run through ``jobs.jobs.job_run``)."""

from celery import shared_task
from django.utils import timezone

from tasks import reminders


@shared_task
def send_reminders() -> int:
    """The working-day morning reminders to agencies with late or due-soon work."""
    return reminders.reminders_send(today=timezone.localdate())
