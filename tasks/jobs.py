"""Celery jobs of the task register: thin wrappers that take ids and call the services."""

from celery import shared_task

from tasks import imports


@shared_task(acks_late=True)
def import_run(batch_id: int) -> None:
    """A confirmed import of a large annex (``imports.import_batch_run`` runs it once)."""
    imports.import_batch_run(batch_id)
