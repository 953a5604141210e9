from django import template

from notifications.models import Notification

register = template.Library()


@register.inclusion_tag("notifications/bell.html", takes_context=True)
def notification_bell(context) -> dict:
    """The header's bell with the user's unread count: one query, for signed-in users only."""
    user = context["user"]
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    return {"unread": unread}
