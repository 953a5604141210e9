from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path

from reports.api import views

urlpatterns = [
    path("", login_not_required(views.ReportList.as_view()), name="api_report_list"),
    path("<int:pk>/", login_not_required(views.ReportDetail.as_view()), name="api_report_detail"),
    re_path(
        r"^(?P<pk>[0-9]+)/download/(?P<fmt>pdf|xlsx|docx)/$",
        login_not_required(views.ReportDownload.as_view()),
        name="api_report_download",
    ),
]
