from django.contrib.auth.decorators import login_not_required
from django.urls import path

from communes.api import views

# The API answers 401/403 itself instead of redirecting to the login page.
urlpatterns = [
    path(
        "requests/",
        login_not_required(views.RequestList.as_view()),
        name="api_commune_request_list",
    ),
    path(
        "requests/<int:pk>/",
        login_not_required(views.RequestDetail.as_view()),
        name="api_commune_request_detail",
    ),
    path(
        "requests/<int:pk>/transitions/",
        login_not_required(views.transition_create),
        name="api_commune_request_transition",
    ),
    path(
        "requests/<int:pk>/disbursements/",
        login_not_required(views.disbursement_create),
        name="api_commune_disbursement_create",
    ),
]
