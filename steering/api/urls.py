from django.contrib.auth.decorators import login_not_required
from django.urls import path

from steering.api import views


def api(view):
    """The API answers 401/403 itself instead of redirecting to the login page."""
    return login_not_required(view.as_view())


urlpatterns = [
    path("committees/", api(views.CommitteeList), name="api_committee_list"),
    path("committees/<int:pk>/", api(views.CommitteeDetail), name="api_committee_detail"),
    path("committees/<int:pk>/rollup/", api(views.CommitteeRollup), name="api_committee_rollup"),
    path("agencies/", api(views.AgencyList), name="api_agency_list"),
    path("agencies/<int:pk>/", api(views.AgencyDetail), name="api_agency_detail"),
    path("members/", api(views.MemberList), name="api_member_list"),
    path("meetings/", api(views.MeetingList), name="api_meeting_list"),
    path("meetings/<int:pk>/", api(views.MeetingDetail), name="api_meeting_detail"),
    path("documents/", api(views.DocumentList), name="api_document_list"),
    path("documents/<int:pk>/", api(views.DocumentDetail), name="api_document_detail"),
    path("indicators/", api(views.IndicatorList), name="api_indicator_list"),
    path("indicators/<int:pk>/", api(views.IndicatorDetail), name="api_indicator_detail"),
    path("indicators/<int:pk>/values/", api(views.IndicatorValueList), name="api_indicator_values"),
]
