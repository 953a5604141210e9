from django.urls import path, re_path

from reports import views

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("new/", views.report_create, name="report_create"),
    path("<int:pk>/status/", views.report_status, name="report_status"),
    path("<int:pk>/retry/", views.report_retry, name="report_retry"),
    path("<int:pk>/issue/", views.report_issue, name="report_issue"),
    path("<int:pk>/correct/", views.report_correct, name="report_correct"),
    re_path(
        r"^(?P<pk>[0-9]+)/download\.(?P<fmt>pdf|xlsx|docx)$",
        views.report_download,
        name="report_download",
    ),
]
