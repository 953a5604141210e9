from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path

from common.language import language_switch
from ops import views as ops_views
from steering import accounts, api_urls, views

urlpatterns = [
    path("", include("tasks.urls")),
    path("overview/", views.committee_overview, name="committee_overview"),
    path("committees/<int:pk>/", views.committee_detail, name="committee_detail"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/conclusion/", views.meeting_conclude, name="meeting_conclude"),
    path(
        "meetings/<int:pk>/conclusion/file/",
        views.meeting_conclusion_file,
        name="meeting_conclusion_file",
    ),
    path("documents/", views.document_list, name="document_list"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/<int:pk>/file/", views.document_file, name="document_file"),
    path("documents/<int:pk>/attach/", views.document_attach, name="document_attach"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path(
        "indicators/<int:pk>/values/",
        views.indicator_value_create,
        name="indicator_value_create",
    ),
    path("accounts/", include(accounts)),
    path("i18n/setlang/", login_not_required(language_switch), name="set_language"),
    path("communes/", include("communes.urls")),
    path("reports/", include("reports.urls")),
    path("notifications/", include("notifications.urls")),
    path("api/v1/", include("steering.api_urls")),
    # The routes before versioning: 308 (method and body kept) to the same path under v1.
    re_path(
        r"^api/(?!v1/)(?P<rest>.*)$",
        login_not_required(api_urls.unversioned),
        name="api_unversioned",
    ),
    path("accounts/tokens/", include("apitokens.urls")),
    path("admin/", admin.site.urls),
    # Without login, for load balancers and container health checks (ops/views.py).
    path("healthz", ops_views.healthz, name="healthz"),
    path("readyz", ops_views.readyz, name="readyz"),
]

# Under /api/, a path no route matches answers JSON in the API's error shape.
handler404 = "common.api.errors.page_not_found"
