"""The user's notifications: the list, opening one, marking all read, and preferences."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notifications import services
from notifications.forms import PreferencesForm
from notifications.models import Notification

PAGE_SIZE = 20


def notification_list(request):
    """Newest first, unread ones highlighted."""
    notifications = Notification.objects.restrict(request.user).order_by("-created_at", "-id")
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


def notification_open(request, pk: int):
    """Mark the notification read and go to what it is about; someone else's: 404."""
    notification = get_object_or_404(Notification.objects.restrict(request.user), pk=pk)
    services.notification_read(notification)
    url = notification.url
    if not url or not url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return redirect("notifications:list")
    return redirect(url)


@require_POST
def notification_read_all(request):
    count = services.notifications_read_all(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


def preferences(request):
    form = PreferencesForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.preferences_save(
            user=request.user,
            enabled=form.enabled(),
            language=form.cleaned_data["language"] if form.has_profile else None,
        )
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
    status = 400 if form.errors else 200
    return render(request, "notifications/preferences.html", {"form": form}, status=status)
