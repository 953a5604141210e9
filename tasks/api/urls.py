from django.contrib.auth.decorators import login_not_required
from django.urls import path

from tasks.api import views

# The API answers 401/403 itself instead of redirecting to the login page.
urlpatterns = [
    path("tasks/", login_not_required(views.TaskList.as_view()), name="api_task_list"),
    path("tasks/<int:pk>/", login_not_required(views.TaskDetail.as_view()), name="api_task_detail"),
    path(
        "assignments/<int:pk>/progress/",
        login_not_required(views.progress_create),
        name="api_progress_create",
    ),
]
