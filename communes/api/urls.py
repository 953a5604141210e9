from django.contrib.auth.decorators import login_not_required
from django.urls import path

from communes.api import resources, views

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
    path("", login_not_required(resources.CommuneList.as_view()), name="api_commune_list"),
    path(
        "<int:pk>/",
        login_not_required(resources.CommuneDetail.as_view()),
        name="api_commune_detail",
    ),
    path(
        "<int:pk>/surveys/",
        login_not_required(resources.SurveyList.as_view()),
        name="api_commune_surveys",
    ),
    path(
        "programmes/",
        login_not_required(resources.ProgrammeList.as_view()),
        name="api_programme_list",
    ),
    path(
        "programmes/<int:pk>/",
        login_not_required(resources.ProgrammeDetail.as_view()),
        name="api_programme_detail",
    ),
    path(
        "allocations/",
        login_not_required(resources.AllocationList.as_view()),
        name="api_allocation_list",
    ),
    path(
        "disbursements/",
        login_not_required(resources.DisbursementList.as_view()),
        name="api_disbursement_list",
    ),
]
