"""Celery jobs of the task register: thin wrappers that take ids and call the services."""

from celery import shared_task
from django.utils import timezone

from tasks import imports, reminders


@shared_task(acks_late=True)
def import_run(batch_id: int) -> None:
    """A confirmed import of a large annex (``imports.import_batch_run`` runs it once)."""
    imports.import_batch_run(batch_id)


@shared_task
def send_reminders() -> int:
    """The working-day morning reminders to agencies with late or due-soon work."""
    return reminders.reminders_send(today=timezone.localdate())
