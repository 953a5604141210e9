"""REST API of the investment requests: the same querysets and services as the web pages."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.response import Response

from communes import permissions, services
from communes.api.serializers import (
    RequestDetailSerializer,
    RequestSerializer,
    TransitionInputSerializer,
)


class RequestList(generics.ListAPIView):
    serializer_class = RequestSerializer
    filterset_fields = ["status"]

    def get_queryset(self):
        return (
            permissions.requests_visible_to(self.request.user)
            .select_related("commune")
            .order_by("id")
        )


def _with_details(user):
    return (
        permissions.requests_visible_to(user)
        .select_related("commune", "allocation")
        .prefetch_related("items", "transitions__user")
    )


class RequestDetail(generics.RetrieveAPIView):
    serializer_class = RequestDetailSerializer

    def get_queryset(self):
        return _with_details(self.request.user)


@extend_schema(request=TransitionInputSerializer, responses={200: RequestDetailSerializer})
@api_view(["POST"])
def transition_create(request, pk: int):
    """Take one workflow step (submit, start_review, approve, return, reject, allocate,
    start_purchasing, complete); refused steps answer 400 (state, inputs) or 403 (role)."""
    investment = get_object_or_404(permissions.requests_visible_to(request.user), pk=pk)
    data = TransitionInputSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    try:
        services.request_act(
            request=investment,
            user=request.user,
            action=data.validated_data["action"],
            **data.service_kwargs(),
        )
    except ValidationError as exc:
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        raise APIValidationError(detail) from exc
    return Response(RequestDetailSerializer(_with_details(request.user).get(pk=pk)).data)
