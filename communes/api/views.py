"""REST API of the investment requests: the same querysets and services as the web pages.

The serializers only parse the input; the services decide. Their refusals answer 403 (role,
another commune) or 400 (state, amounts, line items), with the services' messages in the
user's language; a request the user may not see answers 404, as the pages do.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from common.api.errors import NON_FIELD, from_django
from communes import services
from communes.api.serializers import (
    DisbursementInputSerializer,
    DisbursementSerializer,
    RequestCreateInputSerializer,
    RequestDetailSerializer,
    RequestInputSerializer,
    RequestSerializer,
    TransitionInputSerializer,
)
from communes.models import Allocation, InvestmentRequest
from steering import authz
from steering.api.base import (
    IF_MATCH,
    LOCKING_RESPONSES,
    VersionedRetrieve,
    conflict,
    expected_version,
    with_etag,
)
from tasks.services import ConflictError


def _service_errors(exc: ValidationError) -> APIValidationError:
    """A service's ValidationError with a line item's errors under "items[i].field"."""
    if not hasattr(exc, "error_dict"):
        return from_django(exc)
    details: dict[str, list[str]] = {}
    for field, errors in exc.error_dict.items():
        for error in errors:
            params = error.params or {}
            if field == "items" and "index" in params:
                key, messages = f"items[{params['index']}].{params['name']}", [params["error"]]
            else:
                key, messages = NON_FIELD if field == "__all__" else field, error.messages
            details.setdefault(key, []).extend(messages)
    return APIValidationError(details)


def _parse(serializer: Serializer) -> dict:
    serializer.is_valid(raise_exception=True)  # nested errors keyed by path: common/api/errors
    return serializer.validated_data


def _with_details(user):
    return (
        InvestmentRequest.objects.restrict(user)
        .select_related("commune", "allocation")
        .prefetch_related("items", "transitions__user")
    )


def _shown(request, pk: int, status_code: int = status.HTTP_200_OK) -> Response:
    investment = _with_details(request.user).get(pk=pk)
    data = RequestDetailSerializer(investment).data
    return with_etag(Response(data, status=status_code), investment)


class RequestList(generics.ListAPIView):
    serializer_class = RequestSerializer
    filterset_fields = ["status"]
    parser_classes = [JSONParser]  # line items are a list of objects: JSON only

    def get_queryset(self):
        return (
            InvestmentRequest.objects.restrict(self.request.user)
            .select_related("commune")
            .order_by("id")
        )

    @extend_schema(request=RequestCreateInputSerializer, responses={201: RequestDetailSerializer})
    def post(self, request):
        """File a request for the user's own commune, as a draft (quotations via the web form).
        Line-item errors are keyed "items[i].field"; another commune's request answers 403."""
        data = RequestCreateInputSerializer(data=request.data, context={"request": request})
        values = _parse(data)
        try:
            created = services.request_create(
                commune=values["commune"], user=request.user, **data.service_kwargs()
            )
        except ValidationError as exc:
            raise _service_errors(exc) from exc
        return _shown(request, created.pk, status.HTTP_201_CREATED)


class RequestDetail(VersionedRetrieve, generics.RetrieveAPIView):
    serializer_class = RequestDetailSerializer
    parser_classes = [JSONParser]  # as RequestList

    def get_queryset(self):
        return _with_details(self.request.user)

    def _update(self, request, partial: bool) -> Response:
        investment = self.get_object()
        if not authz.can(request.user, authz.Capability.FILE_REQUESTS, investment.commune):
            raise PermissionDenied  # before asking for the version: the role may not at all
        data = RequestInputSerializer(data=request.data, partial=partial)
        _parse(data)
        version, via_header = expected_version(request, data.validated_data.get("version"))
        try:
            services.request_update(
                request=investment,
                user=request.user,
                expected_version=version,
                **data.service_kwargs(investment),
            )
        except ConflictError as exc:
            return conflict(investment, exc.messages[0], via_header)
        except ValidationError as exc:
            raise _service_errors(exc) from exc
        return _shown(request, investment.pk)

    @extend_schema(
        request=RequestInputSerializer,
        parameters=[IF_MATCH],
        responses={200: RequestDetailSerializer, **LOCKING_RESPONSES},
    )
    def put(self, request, pk: int):
        """Replace the title, justification and line items of a draft or returned request
        (its commune's officer only)."""
        return self._update(request, partial=False)

    @extend_schema(
        request=RequestInputSerializer,
        parameters=[IF_MATCH],
        responses={200: RequestDetailSerializer, **LOCKING_RESPONSES},
    )
    def patch(self, request, pk: int):
        """Change some of the title, justification and line items (the items, when given,
        replace all the current ones)."""
        return self._update(request, partial=True)


@extend_schema(request=TransitionInputSerializer, responses={200: RequestDetailSerializer})
@api_view(["POST"])
def transition_create(request, pk: int):
    """Take one workflow step (submit, start_review, approve, return, reject, allocate,
    start_purchasing, complete); refused steps answer 400 (state, inputs) or 403 (role)."""
    investment = get_object_or_404(InvestmentRequest.objects.restrict(request.user), pk=pk)
    data = TransitionInputSerializer(
        data=request.data, context={"request": request, "investment": investment}
    )
    data.is_valid(raise_exception=True)
    try:
        services.request_act(
            request=investment,
            user=request.user,
            action=data.validated_data["action"],
            **data.service_kwargs(),
        )
    except ValidationError as exc:
        raise _service_errors(exc) from exc
    return _shown(request, pk)


@extend_schema(request=DisbursementInputSerializer, responses={201: DisbursementSerializer})
@api_view(["POST"])
def disbursement_create(request, pk: int):
    """Record a payment from the request's allocation (finance only; 403 otherwise). The
    payments never exceed the allocation: more answers 400 on "amount"."""
    investment = get_object_or_404(InvestmentRequest.objects.restrict(request.user), pk=pk)
    values = _parse(DisbursementInputSerializer(data=request.data))
    allocation = Allocation.objects.filter(request=investment).first()
    if allocation is None:
        # The service's own message for a request not (yet) funded.
        raise APIValidationError(
            {NON_FIELD: [_("Payments are recorded only once funds are allocated.")]}
        )
    try:
        disbursement = services.disbursement_create(
            allocation=allocation, user=request.user, **values
        )
    except ValidationError as exc:
        raise _service_errors(exc) from exc
    return Response(DisbursementSerializer(disbursement).data, status=status.HTTP_201_CREATED)
