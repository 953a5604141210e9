"""REST API of the register: the same querysets, filters and services as the web pages."""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.response import Response

from tasks import services
from tasks.api.serializers import (
    ProgressInputSerializer,
    ProgressUpdateSerializer,
    TaskDetailSerializer,
    TaskSerializer,
)
from tasks.filters import TaskFilter
from tasks.models import Assignment, Task


class TaskFilterBackend(DjangoFilterBackend):
    def get_filterset_kwargs(self, request, queryset, view):
        return {**super().get_filterset_kwargs(request, queryset, view), "today": view.today}


class TaskList(generics.ListAPIView):
    serializer_class = TaskSerializer
    filter_backends = [TaskFilterBackend]
    filterset_class = TaskFilter

    def get_queryset(self):
        self.today = timezone.localdate()
        return Task.objects.restrict(self.request.user)


class TaskDetail(generics.RetrieveAPIView):
    serializer_class = TaskDetailSerializer

    def get_queryset(self):
        # Of a task received from the committee above, only the own committee's assignment.
        assignments = Assignment.objects.restrict(self.request.user).select_related("agency")
        return (
            Task.objects.restrict(self.request.user)
            .with_timeliness(timezone.localdate())
            .prefetch_related(Prefetch("assignments", queryset=assignments))
        )


@extend_schema(request=ProgressInputSerializer, responses={201: ProgressUpdateSerializer})
@api_view(["POST"])
def progress_create(request, pk: int):
    """Log progress on an assignment of the user's agency (JSON; evidence via the web form).

    ``version`` is required: the assignment's version as the client last read it. If someone
    saved the assignment since, nothing is logged and the answer is 409 Conflict."""
    assignment = get_object_or_404(Assignment.objects.restrict(request.user, "report"), pk=pk)
    data = ProgressInputSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    values = data.validated_data
    try:
        update = services.progress_log(
            assignment=assignment,
            user=request.user,
            percent=values["percent"],
            completed=values["completed"],
            note=values["note"],
            effective_date=values["effective_date"],
            expected_version=values["version"],
            lower_reason=values["lower_reason"],
            withdraw=values["withdraw"],
        )
    except services.ConflictError as exc:
        return Response({"version": exc.messages}, status=status.HTTP_409_CONFLICT)
    except ValidationError as exc:
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        raise APIValidationError(detail) from exc
    return Response(ProgressUpdateSerializer(update).data, status=status.HTTP_201_CREATED)
