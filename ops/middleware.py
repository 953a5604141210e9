"""Request middleware for operators: one log line per request, and a 503 while the database
is unavailable instead of a 500."""

import json
import logging
import time

from django.contrib.auth.models import AnonymousUser
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.functional import SimpleLazyObject, empty
from django.utils.translation import gettext as _

from common.api.errors import error_response

request_log = logging.getLogger("portal.request")
database_log = logging.getLogger("portal.database")

DATABASE_ERRORS = (OperationalError, InterfaceError)
# Container health checks call these every few seconds: logged at DEBUG only.
QUIET_PATHS = ("/healthz", "/readyz")
RETRY_AFTER_SECONDS = 30


def database_unavailable(request) -> HttpResponse:
    """The 503 answer: JSON for the API, otherwise a plain page rendered without a context
    processor (they may query the database)."""
    if request.path.startswith("/api/"):
        response = error_response(
            503,
            "database_unavailable",
            _("The database is unavailable. Please try again in a few minutes."),
        )
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return quiet(response)


def quiet(response: HttpResponse) -> HttpResponse:
    """Keep django.request from logging this 5xx answer as an error (and mailing ADMINS for
    each one): it is expected, and logged once by whoever made it."""
    response._has_been_logged = True
    return response


def sessionless(view):
    """Mark a view that needs no user (health checks): it gets an anonymous one, and neither
    the session nor the user is read from the database, even when the request has a cookie."""
    view.sessionless = True
    return view


class DatabaseUnavailableMiddleware:
    """Answers 503 when PostgreSQL cannot be reached, in a view or while loading the user.

    Sits after ``AuthenticationMiddleware`` and before ``LoginRequiredMiddleware``: its
    ``process_view`` loads the session and user first (``LoginRequiredMiddleware`` reads them
    for every view), where an error would otherwise pass by ``process_exception`` and become
    a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "sessionless", False):
            request.user = AnonymousUser()
            return None
        try:
            request.user.is_authenticated  # noqa: B018  (loads the session and the user)
        except DATABASE_ERRORS as exc:
            return self.unavailable(request, exc)
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return self.unavailable(request, exception)
        return None

    def unavailable(self, request, exc) -> HttpResponse:
        database_log.error("database unavailable: %s %s: %s", request.method, request.path, exc)
        # Middleware reading request.user on the way out must not query again (and fail).
        if loaded_user(request) is None:
            request.user = AnonymousUser()
        return database_unavailable(request)


def logfmt(value) -> str:
    text = str(value)
    if text and not any(c in text for c in ' "=\\') and text.isprintable():
        return text
    return json.dumps(text, ensure_ascii=False)


def loaded_user(request):
    """The request's user if something already loaded it; never a query of its own."""
    user = getattr(request, "user", None)
    if isinstance(user, SimpleLazyObject) and user._wrapped is empty:
        return None
    return user


class RequestLogMiddleware:
    """One ``portal.request`` line per request, in key=value (logfmt) form:

    ``method=GET path=/tasks/ status=200 duration_ms=41 user_id=7 user=thuky``

    The values are also attributes of the log record (``extra``) for a JSON formatter.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        user = loaded_user(request)
        fields = {
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round((time.monotonic() - started) * 1000),
            "user_id": user.pk if user is not None and user.is_authenticated else "-",
            "user": user.get_username() if user is not None and user.is_authenticated else "-",
        }
        level = logging.DEBUG if request.path in QUIET_PATHS else logging.INFO
        request_log.log(
            level, " ".join(f"{k}={logfmt(v)}" for k, v in fields.items()), extra=fields
        )
        return response
