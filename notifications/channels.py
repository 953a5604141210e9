"""How a notification leaves the portal. A channel is a name, a label and ``send``; adding a
messenger (Zalo, SMS) is a class here and an entry in ``CHANNELS``, the rules stay as they are.

A channel that ``bundles`` sends the digest kinds (``kinds.Kind.digest``: the morning's
reminders) as one message per recipient (``send_bundle``) instead of one message each.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications.kinds import EMAIL, PORTAL
from notifications.models import Notification


class Channel:
    name: str
    label: str
    bundles: bool = False

    def reaches(self, user) -> bool:
        """Whether the user can be reached this way at all (an address, a phone number)."""
        return True

    def send(self, notification: Notification) -> None:
        """Send in the active language (the caller activates the recipient's); raise on failure."""
        raise NotImplementedError

    def send_bundle(self, user, notifications: list[Notification]) -> None:
        """Send several notifications as one message (channels that bundle); as ``send``."""
        raise NotImplementedError


class PortalChannel(Channel):
    """The notification row itself: the bell and the notifications page. Nothing to send."""

    name, label = PORTAL, _("In the portal")

    def send(self, notification: Notification) -> None:
        return None


def portal_link(path: str) -> str:
    return f"{settings.PORTAL_URL.rstrip('/')}{path}" if path else ""


class EmailChannel(Channel):
    name, label, bundles = EMAIL, _("E-mail"), True

    def reaches(self, user) -> bool:
        return bool(user.email)

    def _mail(self, user, subject: str, template: str, context: dict) -> None:
        context["preferences"] = portal_link(reverse("notifications:preferences"))
        send_mail(subject, render_to_string(template, context), None, [user.email])

    def send(self, notification: Notification) -> None:
        self._mail(
            notification.recipient,
            notification.subject,
            "notifications/email/notification.txt",
            {"notification": notification, "link": portal_link(notification.url)},
        )

    def send_bundle(self, user, notifications: list[Notification]) -> None:
        count = len(notifications)
        subject = ngettext(
            "%(count)s reminder for %(day)s", "%(count)s reminders for %(day)s", count
        ) % {"count": count, "day": timezone.localdate().strftime("%d/%m/%Y")}
        items = [(n, portal_link(n.url)) for n in notifications]
        self._mail(user, subject, "notifications/email/digest.txt", {"items": items})


CHANNELS: dict[str, Channel] = {
    channel.name: channel for channel in (PortalChannel(), EmailChannel())
}
