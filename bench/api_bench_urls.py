"""URLs of the API bench only (``bench/api.py`` runs gunicorn with ``api_bench_settings``): the
portal's own, plus a bare JSON view through the same middleware, the yardstick the task list
is compared with. Never part of the portal's URLs."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.urls import include, path

ROWS = [
    {"id": i, "code": f"57-{i:05d}", "title": "Nhiệm vụ", "percent": i % 100} for i in range(50)
]


@login_not_required
def bare(request):
    return JsonResponse({"count": len(ROWS), "results": ROWS})


urlpatterns = [path("bench/bare/", bare), path("", include("steering.urls"))]
handler404 = "common.api.errors.page_not_found"
