"""REST API of the user's own notifications: list (``?unread=true``), mark one or all read."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.response import Response

from notifications import services
from notifications.models import Notification
from steering.api.base import RestrictedList


class NotificationSerializer(serializers.ModelSerializer):
    subject = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "subject", "body", "url", "created_at", "read_at"]


class NotificationList(RestrictedList):
    """The user's notifications, newest first; ``?unread=true`` for the unread ones."""

    model = Notification
    serializer_class = NotificationSerializer
    ordering = ("-created_at", "-id")
    ordering_fields = ["created_at"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.query_params.get("unread") in ("true", "1"):
            queryset = queryset.filter(read_at__isnull=True)
        return queryset


@extend_schema(request=None, responses={200: NotificationSerializer})
class NotificationRead(generics.GenericAPIView):
    """Mark one of the user's notifications read (another's: 404)."""

    serializer_class = NotificationSerializer

    def post(self, request, pk: int):
        notification = get_object_or_404(Notification.objects.restrict(request.user), pk=pk)
        services.notification_read(notification)
        return Response(NotificationSerializer(notification).data)


@extend_schema(
    request=None,
    responses={200: inline_serializer("ReadAll", {"marked": serializers.IntegerField()})},
)
class NotificationReadAll(generics.GenericAPIView):
    """Mark every unread notification of the user read; says how many."""

    def post(self, request):
        return Response({"marked": services.notifications_read_all(user=request.user)})
