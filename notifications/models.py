"""Notifications in the portal, their deliveries by other channels, and users' channel choices."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from notifications.kinds import KINDS, kind_choices
from steering.authz import RestrictedQuerySet


class Notification(models.Model):
    """Thông báo — one event told to one user; shown in the portal, delivered by their channels.

    ``key`` makes it idempotent: the same event (e.g. "overdue:assignment 12:2026-12-01") is
    stored, and so delivered, once per recipient however often the rule that finds it runs.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=kind_choices())
    key = models.CharField(_("event"), max_length=200)
    params = models.JSONField(_("details"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="one_notification_per_event")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.subject

    def _text(self, template) -> str:
        try:
            return KINDS[self.kind].text(template, self.params)
        except (KeyError, TypeError, ValueError):  # a text changed after the row was stored
            return str(template)

    @property
    def subject(self) -> str:
        """One line in the reader's active language."""
        return self._text(KINDS[self.kind].subject)

    @property
    def body(self) -> str:
        return self._text(KINDS[self.kind].body)


class Delivery(models.Model):
    """One notification sent by one channel other than the portal (e-mail, later a messenger).

    Unique per notification and channel, so a retried job never sends it twice.
    """

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("channel"), max_length=16)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="one_delivery_per_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.notification_id} · {self.channel}"


class ChannelChoice(models.Model):
    """A user's choice to receive a kind by a channel or not; without a row, the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="channel_choices"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=kind_choices())
    channel = models.CharField(_("channel"), max_length=16)
    enabled = models.BooleanField(_("enabled"))

    class Meta:
        verbose_name = _("channel choice")
        verbose_name_plural = _("channel choices")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "channel"], name="one_choice_per_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind} · {self.channel}: {self.enabled}"
