"""Celery jobs of the notifications (``notifications.services``)."""

from celery import shared_task

from notifications import services


@shared_task(acks_late=True)
def deliver(ids: list[int]) -> int:
    return services.deliver(ids)


@shared_task
def deliver_pending() -> int:
    return services.deliver_pending()
