"""Telling people: ``notify`` stores one notification per recipient and event, then delivers it
by the recipient's channels once the transaction commits (a Celery job; the sweep delivers what
a down queue left behind). Every rule that tells someone something calls ``notify``.
"""

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
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
    """Deliver each notification by its recipient's channels, once per channel; returns the
    deliveries made. The portal's delivery marks it handled; digest kinds wait for the digest
    of bundling channels (``deliver_digests``)."""
    sent = 0
    notifications = Notification.objects.filter(pk__in=list(ids)).select_related(
        "recipient__profile"
    )
    for notification in notifications:
        kind = KINDS[notification.kind]
        names = [
            name
            for name in channels_for(notification.recipient, notification.kind)
            if not (kind.digest and CHANNELS[name].bundles)
        ]
        for name in [PORTAL, *names]:
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


def _digest_pending(name: str, before) -> QuerySet:
    """Recent notifications of digest kinds not yet sent by channel ``name``, among the kinds
    their recipients receive by it (their choice, else the kind's default)."""
    digest = [code for code, kind in KINDS.items() if kind.digest]
    default_on = [code for code in digest if name in KINDS[code].channels]
    choice = ChannelChoice.objects.filter(
        user=OuterRef("recipient"), kind=OuterRef("kind"), channel=name
    )
    return (
        Notification.objects.filter(
            kind__in=digest,
            created_at__gte=timezone.now() - DELIVER_WITHIN,
            created_at__lt=before,
        )
        .exclude(deliveries__channel=name)
        .filter(
            Exists(choice.filter(enabled=True))
            | (Q(kind__in=default_on) & ~Exists(choice.filter(enabled=False)))
        )
    )


def deliver_digests(*, before=None) -> int:
    """Send each recipient's pending digest notifications as one message per bundling channel
    (the morning's reminders: one e-mail, not forty); returns the messages sent."""
    before = before or timezone.now()
    sent = 0
    for name, channel in CHANNELS.items():
        if not channel.bundles:
            continue
        recipients = _digest_pending(name, before).values("recipient_id")
        for user in get_user_model().objects.filter(pk__in=recipients, is_active=True):
            if channel.reaches(user):
                sent += _deliver_bundle(user, name, before)
    return sent


@transaction.atomic
def _deliver_bundle(user, name: str, before) -> int:
    # The reminder job and the sweep may bundle for the same user at the same moment: the row
    # locks make the second skip what the first is sending, and its deliveries exclude them
    # once it commits. A failed send is recorded; the digest is not sent again.
    pending = list(
        _digest_pending(name, before)
        .filter(recipient=user)
        .select_for_update(skip_locked=True)
        .order_by("created_at", "id")
    )
    if not pending:
        return 0
    error = ""
    try:
        with translation.override(language_of(user)):
            CHANNELS[name].send_bundle(user, pending)
    except Exception as exc:  # recorded on the deliveries, like a single send
        logger.exception("user=%s channel=%s event=digest_failed", user.pk, name)
        error = f"{type(exc).__name__}: {exc}"[:1000]
    sent_at = None if error else timezone.now()
    Delivery.objects.bulk_create(
        [Delivery(notification=n, channel=name, sent_at=sent_at, error=error) for n in pending]
    )
    return 0 if error else 1


def deliver_pending() -> int:
    """Deliver the recent notifications a down queue left undelivered, and the digests not
    sent yet (beat, every minute)."""
    now = timezone.now()
    before = now - timedelta(minutes=1)  # the on-commit job's and the reminder job's turn first
    pending = Notification.objects.filter(
        created_at__gte=now - DELIVER_WITHIN, created_at__lt=before, deliveries__isnull=True
    )
    return deliver(pending.values_list("pk", flat=True)[:500]) + deliver_digests(before=before)


def notification_read(notification: Notification) -> None:
    """Mark one of the user's notifications read (the view found it among theirs)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notifications_read_all(*, user) -> int:
    """Mark every unread notification of the user read; returns how many."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def preferences_save(*, user, enabled: set[tuple[str, str]], language: str | None) -> None:
    """Keep the user's choice of channels, one (kind, channel) pair per ticked box, as rows
    where it differs from the kind's default; and the language of their messages (None: the
    user has no profile to keep it)."""
    rows = [
        ChannelChoice(user=user, kind=code, channel=name, enabled=(code, name) in enabled)
        for code, kind in KINDS.items()
        for name in CHANNELS
        if name != PORTAL and ((code, name) in enabled) != (name in kind.channels)
    ]
    ChannelChoice.objects.filter(user=user).delete()
    ChannelChoice.objects.bulk_create(rows)
    if language is not None:
        user.profile.language = language
        user.profile.save(update_fields=["language"])
