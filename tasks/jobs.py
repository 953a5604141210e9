"""Celery jobs of the task register (large imports run through ``jobs.jobs.job_run``)."""

from celery import shared_task
from django.utils import timezone

from tasks import followup, reminders


@shared_task
def send_reminders() -> int:
    """The working-day morning reminders to agencies with late or due-soon work."""
    return reminders.reminders_send(today=timezone.localdate())


@shared_task
def send_escalations() -> int:
    """Lead work overdue for more than ESCALATE_AFTER_DAYS, to members and the secretariat."""
    return followup.escalations_send(today=timezone.localdate())


@shared_task
def send_weekly_digest() -> int:
    """Monday's digest of the week to the secretariat and leaders."""
    return followup.weekly_digest_send(today=timezone.localdate())
