"""Defences against attackers that every request passes: login throttling, response headers
(Content-Security-Policy, Permissions-Policy, Cache-Control) and the request size limit.

The settings they read are in ``steering/settings.py`` (section "Security").
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from drf_spectacular.authentication import BasicScheme
from rest_framework import authentication, exceptions, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BrowsableAPIRenderer

from common.api.errors import error_response

# --- Who is asking ----------------------------------------------------------------------


def client_ip(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT`` proxies the
    address the outermost of them saw (its ``X-Forwarded-For`` entry); entries further left
    are written by the client and never trusted."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        header = request.META.get("HTTP_X_FORWARDED_FOR", "")
        forwarded = [part.strip() for part in header.split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


# --- Login throttling (django-axes) ---------------------------------------------------------


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return ngettext(
        "Too many failed sign-in attempts for this account from your address. Signing in is "
        "locked for %(minutes)s minute; try again later or ask an administrator to unlock it.",
        "Too many failed sign-in attempts for this account from your address. Signing in is "
        "locked for %(minutes)s minutes; try again later or ask an administrator to unlock it.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """Axes' answer to a locked-out attempt: 429 Too Many Requests (the client may retry
    after ``Retry-After`` seconds), the login page with the message, or JSON for the API."""
    if is_api(request):
        response = error_response(429, "locked_out", lockout_message())
    else:
        username = (credentials or {}).get("username") or request.POST.get("username", "")
        context = {
            "form": AuthenticationForm(request, initial={"username": username}),
            "lockout_message": lockout_message(),
            "next": request.POST.get("next", ""),
        }
        response = render(request, "registration/login.html", context, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


class LockedOut(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"

    def __init__(self):
        super().__init__(lockout_message())
        self.wait = settings.AXES_COOLOFF_TIME.total_seconds()  # DRF's Retry-After


class BasicAuthentication(authentication.BasicAuthentication):
    """HTTP Basic authentication, only where ``API_BASIC_AUTH`` is set (off by default: it
    hashes the password on every request; tokens do not). It says "locked out" instead of
    "invalid password" once axes refuses the username and address (the right password then
    fails too)."""

    def authenticate(self, request):
        if not settings.API_BASIC_AUTH:
            return None
        return super().authenticate(request)

    def authenticate_credentials(self, userid, password, request=None):
        try:
            return super().authenticate_credentials(userid, password, request)
        except exceptions.AuthenticationFailed:
            if getattr(request, "axes_locked_out", False):
                raise LockedOut() from None
            raise


class BasicLockoutScheme(BasicScheme):
    """Describes the class above in the OpenAPI schema as plain HTTP Basic."""

    target_class = "common.security.BasicAuthentication"


class SignedInBrowsableAPI(DefaultContentNegotiation):
    """The browsable API (HTML) only for users signed in to the portal; anyone else gets
    JSON, so an anonymous browser sees a 403 body, not the API's pages."""

    def select_renderer(self, request, renderers, format_suffix=None):
        if request._request.user.is_authenticated:
            return super().select_renderer(request, renderers, format_suffix)
        renderers = [r for r in renderers if not isinstance(r, BrowsableAPIRenderer)]
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except exceptions.NotAcceptable:
            return renderers[0], renderers[0].media_type


# --- Response headers ---------------------------------------------------------------------

# Features no page of the portal uses, denied to it and to anything it could ever embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's Content-Security-Policy, plus ``Permissions-Policy``. On the admin's
    pages ``<style>`` elements are allowed too: Django's change list writes one (scripts stay
    as strict there as everywhere)."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(reverse("admin:index")):
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        return parts

    def process_response(self, request, response):
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return super().process_response(request, response)


class NoStoreMiddleware:
    """``Cache-Control: no-store, private`` on downloads and on every answer to a signed-in
    user that sets no caching itself, so no shared or browser cache keeps committee data.
    Static files never get here: WhiteNoise answers them earlier, with long caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        download = response.get("Content-Disposition", "").startswith("attachment")
        if download or request.user.is_authenticated:
            response.headers.setdefault("Cache-Control", "no-store, private")
        return response


# --- Request size --------------------------------------------------------------------------

MB = 1024 * 1024
# URL names whose requests carry one annex file and a few fields.
SINGLE_FILE_VIEWS = {"import_list"}
MARGIN = 256 * 1024  # multipart boundaries and form fields around a form's files


def body_limit(request: HttpRequest) -> int:
    """The largest upload this URL accepts (whole MB): the API takes JSON only, an annex
    upload one file, any other form several files."""
    if is_api(request):
        return settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if request.resolver_match.view_name in SINGLE_FILE_VIEWS:
        return settings.UPLOAD_MAX_FILE_BYTES
    return settings.UPLOAD_MAX_REQUEST_BYTES


class RequestSizeLimitMiddleware:
    """Answers 413 from the ``Content-Length`` header, before anything reads the body (it
    must come before ``CsrfViewMiddleware``, which reads the form), so an oversized upload
    costs neither memory nor disk."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = body_limit(request)
        if length <= (limit if is_api(request) else limit + MARGIN):
            return None
        message = _(
            "The upload is too large: this page accepts at most %(limit)s MB in one request. "
            "Send smaller or fewer files."
        ) % {"limit": limit // MB}
        if is_api(request):
            return error_response(413, "request_too_large", message)
        if request.htmx:
            # htmx shows it at the top of the form's target (base.html lets 413 swap).
            response = render(request, "includes/alert.html", {"message": message}, status=413)
            response["HX-Reswap"] = "afterbegin"
            return response
        return render(request, "413.html", {"message": message}, status=413)
