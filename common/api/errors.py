"""The one shape of every error the API answers, whichever app, view or middleware makes it:

    {"code": "validation_error", "detail": "<a sentence in the user's language>",
     "errors": {"<field>": ["..."], "items[1].quantity": ["..."], "non_field_errors": ["..."]}}

``code`` is stable for programs (``validation_error``, ``not_authenticated``,
``authentication_failed``, ``permission_denied``, ``not_found``, ``conflict``,
``precondition_failed``, ``precondition_required``, ``throttled``, ``request_too_large``,
``database_unavailable``...), ``detail`` is for people, ``errors`` names the fields (nested ones
by path) and is empty when no field is at fault. DRF's ``EXCEPTION_HANDLER`` is
:func:`exception_handler`; middleware answers with :func:`error_response`.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.settings import api_settings

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY  # "non_field_errors"


def error_body(code: str, detail: str, errors: dict | None = None) -> dict:
    return {"code": code, "detail": str(detail), "errors": errors or {}}


def error_response(status_code: int, code: str, detail: str, errors=None) -> JsonResponse:
    """An error answered outside DRF (middleware: 413, 429, 503), in the same shape."""
    return JsonResponse(
        error_body(code, detail, errors),
        status=status_code,
        json_dumps_params={"ensure_ascii": False},
    )


def flatten(errors, prefix: str = "") -> dict[str, list[str]]:
    """Nested serializer errors keyed by path: {"items": [{}, {"quantity": [...]}]} becomes
    {"items[1].quantity": [...]}; errors about a whole list or object under its own name."""
    if isinstance(errors, dict):
        flat: dict[str, list[str]] = {}
        for key, value in errors.items():
            if isinstance(key, int):  # a list's item (DRF keys them by position)
                path = f"{prefix}[{key}]"
            elif key in (NON_FIELD, "__all__") and prefix:  # about the whole list or object
                path = prefix
            elif key == "__all__":
                path = NON_FIELD
            else:
                path = f"{prefix}.{key}" if prefix else str(key)
            for name, messages in flatten(value, path).items():
                flat.setdefault(name, []).extend(messages)
        return flat
    if isinstance(errors, list) and errors and all(isinstance(e, dict | list) for e in errors):
        flat = {}
        for index, value in enumerate(errors):
            for name, messages in flatten(value, f"{prefix}[{index}]").items():
                flat.setdefault(name, []).extend(messages)
        return flat
    messages = errors if isinstance(errors, list) else [errors]
    return {prefix or NON_FIELD: [str(message) for message in messages]}


def from_django(exc: DjangoValidationError) -> exceptions.ValidationError:
    """A model's or a service's ValidationError as the API's: its fields by name, the rest
    under ``non_field_errors``."""
    if hasattr(exc, "error_dict"):
        return exceptions.ValidationError(flatten(exc.message_dict))
    return exceptions.ValidationError({NON_FIELD: exc.messages})


def exception_handler(exc, context):
    """DRF's handler (status, ``WWW-Authenticate``, ``Retry-After``), then the one body."""
    # Imported here: rest_framework.views loads the settings' classes, common.security among
    # them, which imports this module.
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, DjangoValidationError):
        exc = from_django(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()  # not get_object_or_404's English "No Task matches..."
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)  # a service's reason, if it gives one
    response = drf_exception_handler(exc, context)
    if response is None:  # not an API error: a server error, Django's 500
        return None
    if isinstance(exc, exceptions.ValidationError):
        code, errors = "validation_error", flatten(exc.detail)
        general = errors.get(NON_FIELD)
        detail = " ".join(general) if general else _("The request has errors; see each field.")
    else:
        code, errors = exc.default_code, getattr(exc, "errors", {})
        detail = (
            exc.detail
            if isinstance(exc.detail, str)
            else " ".join(flatten(exc.detail).get(NON_FIELD, []))
        )
    response.data = error_body(code, detail, errors)
    return response


class ErrorSerializer(serializers.Serializer):
    """The schema of every API error (see the module's docstring)."""

    code = serializers.CharField(help_text="Stable, for programs: validation_error, not_found...")
    detail = serializers.CharField(help_text="For people, in the user's language.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text='Messages by field ("items[1].quantity" for nested ones); "non_field_errors" '
        "for the request as a whole. Empty when no field is at fault.",
    )


def page_not_found(request, exception):
    """``handler404``: a URL under ``/api/`` that matches no route (``/api/v1/tasks/abc/``)
    answers in the one shape; every other path gets the portal's 404 page."""
    from django.views.defaults import page_not_found as portal_page_not_found

    if request.path_info.startswith("/api/"):
        return error_response(
            404, exceptions.NotFound.default_code, exceptions.NotFound.default_detail
        )
    return portal_page_not_found(request, exception)
