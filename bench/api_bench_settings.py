"""Settings of the API bench's gunicorn: the test settings, the bench's URLs, no rate limit
(the load generator would hit it: it measures speed, not the throttles)."""

from tests.settings import *  # noqa: F403

ROOT_URLCONF = "api_bench_urls"
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"burst": "1000000/s", "user": "1000000/s", "token": "1000000/s"},
    # DRF's own class by name: a project class here is imported while rest_framework.generics
    # is (circular under gunicorn). The views measured name their pagination themselves.
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
