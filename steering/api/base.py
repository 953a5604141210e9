"""What every resource of the API shares: rows scoped by ``steering.authz``, pagination with
counts, and optimistic locking (a ``version`` in the body or ``If-Match`` with the ETag a GET
returned).

Views raise DRF or Django exceptions; the project's exception handler
(``common/api/errors.py``) gives them their one shape. The statuses of the locking: 428 is an
exception here, 409 and 412 a response in the same shape with who changed the row and when
(``LOCKING_RESPONSES`` documents them).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import filters, generics, serializers, status
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.response import Response

from common.api.errors import ErrorSerializer, error_body, flatten
from common.api.schema import DESCRIPTIONS, error
from steering import authz
from steering.api.pagination import Pagination


class RestrictedMixin:
    """The rows of ``model`` the user may ``action`` (``steering.authz.restrict``), with the
    related rows a serializer reads fetched in the same few queries whatever the page size."""

    model: type[models.Model]
    authz_action = "view"
    # The capabilities the page asks first (any of them): without one, 403 as on the page.
    required: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    prefetch: tuple = ()
    pagination_class = Pagination
    filter_backends = [filters.OrderingFilter]
    ordering = ("id",)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.required and not authz.has(request.user, *self.required):
            raise PermissionDenied

    def get_queryset(self):
        queryset = authz.restrict(self.model.objects.all(), self.request.user, self.authz_action)
        if self.select:
            queryset = queryset.select_related(*self.select)
        if self.prefetch:
            queryset = queryset.prefetch_related(*self.prefetch)
        return queryset


class RestrictedList(RestrictedMixin, generics.ListAPIView):
    pass


class RestrictedDetail(RestrictedMixin, generics.RetrieveAPIView):
    pass


class VersionedRetrieve:
    """A GET of a versioned row with its ETag, the row read once."""

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        return with_etag(Response(self.get_serializer(obj).data), obj)


class PlainRows:
    """A serializer's representation of rows read with ``.values(*paths)``: the same keys and
    values (dates and times through the serializer's own fields) without building a model
    instance and running every field per row, what a long list spends most of its time on.
    ``skip`` leaves out fields the caller fills itself (nested lists)."""

    def __init__(self, serializer_class: type[serializers.Serializer], skip: tuple = ()):
        self.columns = []
        for name, field in serializer_class().fields.items():
            if name in skip:
                continue
            convert = None
            if isinstance(field, (serializers.DateField, serializers.DateTimeField)):
                convert = field.to_representation
            self.columns.append((name, field.source.replace(".", "__"), convert))
        self.paths = [path for _name, path, _convert in self.columns]

    def __call__(self, row: dict) -> dict:
        plain = {}
        for name, path, convert in self.columns:
            value = row[path]
            plain[name] = value if convert is None or value is None else convert(value)
        return plain


# --- Optimistic locking ---------------------------------------------------------------------


class PreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _(
        'Send the "version" you last read (or an If-Match header with its ETag): '
        "without it a change could overwrite someone else's."
    )
    default_code = "precondition_required"

    def __init__(self):
        super().__init__()
        self.errors = {"version": [str(self.detail)]}


# Schema text (English, as the schema's other descriptions).
VERSION_HELP = (
    "The version as last read (the GET's ``version`` or its ETag). Required unless an "
    "If-Match header is sent; missing both answers 428, a stale one 409 (412 for If-Match)."
)

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description='The ETag of the GET (e.g. "3"), instead of "version" in the body.',
)


class ConflictSerializer(ErrorSerializer):
    """The error body, with who changed the row, when, and its version now."""

    version = serializers.IntegerField(help_text="The current version (the ETag's).")
    changed_by = serializers.CharField(allow_null=True, help_text="Who saved it last.")
    changed_at = serializers.DateTimeField(help_text="When.")


LOCKING_RESPONSES = {
    409: OpenApiResponse(ConflictSerializer, description=DESCRIPTIONS[409]),
    412: OpenApiResponse(ConflictSerializer, description=DESCRIPTIONS[412]),
    428: error(428),
}


def etag(obj) -> str:
    return f'"{obj.version}"'


def with_etag(response: Response, obj) -> Response:
    response["ETag"] = etag(obj)
    return response


def expected_version(request, body_version: int | None) -> tuple[int, bool]:
    """The version the client read, and whether it came from If-Match; 428 when neither."""
    header = request.headers.get("If-Match")
    if header:
        value = header.strip().removeprefix("W/").strip('"')
        if not value.isdigit():
            raise ValidationError({"If-Match": [_('Send the ETag of the GET, e.g. "3".')]})
        return int(value), True
    if body_version is None:
        raise PreconditionRequired()
    return body_version, False


def conflict(obj: models.Model, message, via_if_match: bool) -> Response:
    """409 (or 412 for If-Match) in the one error shape, saying who changed the row and when,
    and its version now (a response, not an exception, so the version stays a number)."""
    current = type(obj)._default_manager.select_related("updated_by").get(pk=obj.pk)
    user = current.updated_by
    status_code, code = (
        (status.HTTP_412_PRECONDITION_FAILED, "precondition_failed")
        if via_if_match
        else (status.HTTP_409_CONFLICT, "conflict")
    )
    body = {
        **error_body(code, str(message)),
        "version": current.version,
        "changed_by": (user.get_full_name() or user.username) if user else None,
        "changed_at": timezone.localtime(current.updated_at).isoformat(),
    }
    return with_etag(Response(body, status=status_code), current)


def form_errors(form) -> ValidationError:
    """A page form's errors as the API's (its non-field errors under ``non_field_errors``)."""
    return ValidationError(flatten(form.errors))
