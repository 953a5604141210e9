"""Telling people: ``notify`` stores one notification per recipient and event, then delivers it
by the recipient's channels once the transaction commits (a Celery job; the sweep delivers what
a down queue left behind). Every rule that tells someone something calls ``notify``.
"""

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from notifications.channels import CHANNELS
from notifications.kinds import KINDS, PORTAL
from notifications.models import ChannelChoice, Delivery, Notification

logger = logging.getLogger("portal.notifications")

# Notifications older than this are not delivered by the sweep any more (news gone stale).
DELIVER_WITHIN = timedelta(days=2)


def language_of(user) -> str:
    profile = getattr(user, "profile", None)
    return getattr(profile, "language", "") or settings.LANGUAGE_CODE


def notify(recipients: Iterable, kind: str, *, key: str, url: str = "", params=None) -> list:
    """Tell each recipient (once per ``key``) about an event of ``kind``; returns the new ones.

    ``params`` fill the kind's texts (kinds.py): strings and numbers, dates already written
    dd/mm/yyyy. Inactive users and repeated recipients are skipped.
    """
    assert kind in KINDS, kind
    created = []
    seen = set()
    for user in recipients:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        try:
            with transaction.atomic():
                notification, new = Notification.objects.get_or_create(
                    recipient=user,
                    key=key[:200],
                    defaults={"kind": kind, "url": url, "params": params or {}},
                )
        except IntegrityError:  # the same event told at the same moment by another process
            continue
        if new:
            created.append(notification)
    if created:
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: _send_deliveries(ids))
    return created


def _send_deliveries(ids: list[int]) -> None:
    from notifications.jobs import deliver  # the job module imports this one

    try:
        deliver.delay(ids)
    except (KombuError, RedisError, OSError) as exc:
        logger.warning("notifications=%s event=queue_unavailable error=%r", ids, exc)


def channels_for(user, kind: str) -> list[str]:
    """The channels other than the portal by which ``user`` receives ``kind``."""
    chosen = dict(
        ChannelChoice.objects.filter(user=user, kind=kind).values_list("channel", "enabled")
    )
    return [
        name
        for name, channel in CHANNELS.items()
        if name != PORTAL
        and chosen.get(name, name in KINDS[kind].channels)
        and channel.reaches(user)
    ]


def deliver(ids: Iterable[int]) -> int:
    """Send each notification by its recipient's channels, once per channel; returns sends."""
    sent = 0
    notifications = Notification.objects.filter(pk__in=list(ids)).select_related(
        "recipient__profile"
    )
    for notification in notifications:
        for name in channels_for(notification.recipient, notification.kind):
            try:
                delivery, new = Delivery.objects.get_or_create(
                    notification=notification, channel=name
                )
            except IntegrityError:
                continue  # another worker is delivering it
            if not new and (delivery.sent_at or delivery.error):
                continue
            try:
                with translation.override(language_of(notification.recipient)):
                    CHANNELS[name].send(notification)
            except Exception as exc:  # one failed channel must not stop the others
                logger.exception("notification=%s channel=%s event=failed", notification.pk, name)
                delivery.error = f"{type(exc).__name__}: {exc}"[:1000]
            else:
                delivery.sent_at = timezone.now()
                sent += 1
            delivery.save(update_fields=["sent_at", "error"])
    return sent


def deliver_pending() -> int:
    """Deliver the recent notifications a down queue left undelivered (beat, every minute)."""
    now = timezone.now()
    pending = Notification.objects.filter(
        created_at__gte=now - DELIVER_WITHIN,
        created_at__lt=now - timedelta(minutes=1),  # the on-commit job's turn first
        deliveries__isnull=True,
    )
    return deliver(pending.values_list("pk", flat=True)[:500])
