"""How a notification leaves the portal. A channel is a name, a label and ``send``; adding a
messenger (Zalo, SMS) is a class here and an entry in ``CHANNELS``, the rules stay as they are.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext_lazy as _

from notifications.kinds import EMAIL, PORTAL
from notifications.models import Notification


class Channel:
    name: str
    label: str

    def reaches(self, user) -> bool:
        """Whether the user can be reached this way at all (an address, a phone number)."""
        return True

    def send(self, notification: Notification) -> None:
        """Send in the active language (the caller activates the recipient's); raise on failure."""
        raise NotImplementedError


class PortalChannel(Channel):
    """The notification row itself: the bell and the notifications page. Nothing to send."""

    name, label = PORTAL, _("In the portal")

    def send(self, notification: Notification) -> None:
        return None


class EmailChannel(Channel):
    name, label = EMAIL, _("E-mail")

    def reaches(self, user) -> bool:
        return bool(user.email)

    def send(self, notification: Notification) -> None:
        link = f"{settings.PORTAL_URL.rstrip('/')}{notification.url}" if notification.url else ""
        body = f"{notification.body}\n\n{link}".strip()
        send_mail(notification.subject, body, None, [notification.recipient.email])


CHANNELS: dict[str, Channel] = {
    channel.name: channel for channel in (PortalChannel(), EmailChannel())
}
