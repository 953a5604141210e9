from django.contrib.auth.decorators import login_not_required
from django.urls import path

from notifications.api import views

urlpatterns = [
    path("", login_not_required(views.NotificationList.as_view()), name="api_notification_list"),
    path(
        "<int:pk>/read/",
        login_not_required(views.NotificationRead.as_view()),
        name="api_notification_read",
    ),
    path(
        "read-all/",
        login_not_required(views.NotificationReadAll.as_view()),
        name="api_notification_read_all",
    ),
]
