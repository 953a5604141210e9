from django.contrib.auth.decorators import login_not_required
from django.urls import path

from tasks.api import views


def api(view):
    """The API answers 401/403 itself instead of redirecting to the login page."""
    return login_not_required(view.as_view())


urlpatterns = [
    path("tasks/", api(views.TaskList), name="api_task_list"),
    path("tasks/<int:pk>/", api(views.TaskDetail), name="api_task_detail"),
    path("tasks/<int:pk>/assignments/", api(views.TaskAssignments), name="api_task_assignments"),
    path("tasks/<int:pk>/progress/", api(views.TaskProgress), name="api_task_progress"),
    path("assignments/<int:pk>/", api(views.AssignmentDetail), name="api_assignment_detail"),
    path(
        "assignments/<int:pk>/progress/",
        api(views.AssignmentProgress),
        name="api_progress_create",
    ),
    path(
        "assignments/<int:pk>/extensions/",
        api(views.ExtensionCreate),
        name="api_extension_create",
    ),
    path("extensions/", api(views.ExtensionList), name="api_extension_list"),
    path("extensions/<int:pk>/", api(views.ExtensionDetail), name="api_extension_detail"),
    path("extensions/<int:pk>/grant/", api(views.ExtensionGrant), name="api_extension_grant"),
    path("extensions/<int:pk>/refuse/", api(views.ExtensionRefuse), name="api_extension_refuse"),
]
