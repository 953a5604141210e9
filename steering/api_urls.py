"""The REST API, version 1: mounted at ``/api/v1/`` (``steering/urls.py``). Each app's
``api/urls.py`` is included here; the schema and its documentation too.

The API views are marked ``login_not_required``: they answer 401/403 as JSON (the one error
shape, ``common/api/errors.py``) instead of redirecting to the login page. The documentation
page is a portal page (login required); the schema answers to a token as well.
"""

from django.contrib.auth.decorators import login_not_required, login_required
from django.http import HttpResponsePermanentRedirect
from django.urls import include, path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView


@extend_schema(exclude=True)
class SchemaView(SpectacularAPIView):
    """The schema, not describing itself."""


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI: its files from drf-spectacular-sidecar, its settings from a script file
    (``?script``), no inline script or style, so the portal's CSP holds."""

    template_name = "api/swagger_ui.html"
    url_name = "api_schema"


def unversioned(request, rest: str):
    """``/api/<rest>`` (before versioning) → 308 to ``/api/v1/<rest>``: a client that follows it
    repeats the same method and body."""
    target = f"/api/v1/{rest}"
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(target, preserve_request=True)


urlpatterns = [
    path("", include("tasks.api.urls")),
    path("communes/", include("communes.api.urls")),
    path("", include("steering.api.urls")),
    path("reports/", include("reports.api.urls")),
    path("notifications/", include("notifications.api.urls")),
    path("schema/", login_not_required(SchemaView.as_view()), name="api_schema"),
    # A portal page: anonymous users go to the login page (DRF views opt out of
    # LoginRequiredMiddleware, so the decorator says it).
    path("docs/", login_required(DocsView.as_view()), name="api_docs"),
]
