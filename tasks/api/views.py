"""REST API of the register: the same querysets, filters, forms and services as the web pages.

Reads go through ``steering.authz``; writes through the forms' validation and the services the
pages call. Updates need the version last read (``version`` or If-Match): a stale one answers
409 (412) saying who changed the row and when, none 428.
"""

import functools

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import filters, generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from common.api.errors import from_django
from steering import authz
from steering.api.base import (
    IF_MATCH,
    LOCKING_RESPONSES,
    Pagination,
    PlainRows,
    RestrictedDetail,
    RestrictedList,
    VersionedRetrieve,
    conflict,
    expected_version,
    form_errors,
    with_etag,
)
from steering.models import Committee
from tasks import followup, services
from tasks.api.serializers import (
    AssignmentInputSerializer,
    AssignmentSerializer,
    AssignmentUpdateSerializer,
    ExtensionInputSerializer,
    ExtensionSerializer,
    ProgressInputSerializer,
    ProgressUpdateSerializer,
    RefusalInputSerializer,
    TaskDetailSerializer,
    TaskInputSerializer,
    TaskSerializer,
)
from tasks.evidence import validate_evidence
from tasks.filters import TaskFilter
from tasks.forms import AssignmentForm, TaskForm
from tasks.models import Assignment, Extension, ProgressUpdate, Task


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.Filter):
    """An id, matched as given: another's or an unknown one finds nothing (no 400)."""

    field_class = forms.IntegerField


class ApiTaskFilter(TaskFilter):
    """The page's filters, the agency and the committee given by id: the page offers only those
    the user may choose, a client sends any id, and one the user does not see (or that does not
    exist) finds nothing, as a search would, within the tasks the user sees anyway."""

    agency = IdFilter(method="filter_agency")
    committee = IdFilter(field_name="committee_id")


class TaskFilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request, queryset, view):
        if request.query_params.keys().isdisjoint(ApiTaskFilter.base_filters):
            # No filter given: the filterset would only add the timeliness, and building its
            # form costs more than the page's queries.
            return queryset.with_timeliness(view.today)
        return super().filter_queryset(request, queryset, view)

    def get_filterset_kwargs(self, request, queryset, view):
        return {**super().get_filterset_kwargs(request, queryset, view), "today": view.today}


def _tasks(user):
    """The tasks the user sees, each with the assignments the user sees (of a task received
    from the committee above, only the own committee's) in one more query."""
    assignments = Assignment.objects.restrict(user).select_related("agency")
    return Task.objects.restrict(user).prefetch_related(Prefetch("assignments", assignments))


def _manageable_committee(user) -> Committee:
    """The user's own committee, where the secretariat creates tasks (as the page does)."""
    committee = Committee.objects.restrict(user, "change").filter(pk=authz.committee_id_of(user))
    if not committee:
        raise PermissionDenied
    return committee[0]


def _form_data(values: dict, base: dict | None = None) -> dict:
    """The serializer's values as the task form's data (ids for choices, "" for none)."""
    data = dict(base or {})
    for name, value in values.items():
        if name != "version":
            data[name] = "" if value is None else value
    return data


@functools.cache
def _plain_rows() -> tuple[PlainRows, PlainRows]:
    return PlainRows(TaskSerializer, skip=("assignments",)), PlainRows(AssignmentSerializer)


class TaskList(generics.ListCreateAPIView):
    """The register, with the page's filters (``q`` matches with or without diacritics,
    ``category``, ``agency``, ``committee``, ``due_from``/``due_to``...) and ``ordering``.
    POST creates a task in the user's committee (the secretariat), as the task form does."""

    serializer_class = TaskSerializer
    pagination_class = Pagination
    filter_backends = [TaskFilterBackend, filters.OrderingFilter]
    filterset_class = ApiTaskFilter
    ordering_fields = ["code", "due_date", "percent", "title", "updated_at"]
    # No default ``ordering``: the page's ``sort`` (or the code, the model's order) applies.

    def get_queryset(self):
        self.today = timezone.localdate()
        return Task.objects.restrict(self.request.user)

    def list(self, request, *args, **kwargs):
        """TaskSerializer's output, read as plain rows: the page's tasks, then the assignments
        the user sees of them (as ``_tasks``), in one query each."""
        tasks, assignments = _plain_rows()
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset.values(*tasks.paths))
        rows = {}
        for row in page:
            rows[row["id"]] = {**tasks(row), "assignments": []}
        nested = Assignment.objects.restrict(request.user).filter(task_id__in=list(rows))
        for row in nested.values(*assignments.paths):
            rows[row["task_id"]]["assignments"].append(assignments(row))
        return self.get_paginated_response(list(rows.values()))

    @extend_schema(request=TaskInputSerializer, responses={201: TaskDetailSerializer})
    def post(self, request):
        committee = _manageable_committee(request.user)
        values = TaskInputSerializer(data=request.data)
        values.is_valid(raise_exception=True)
        form = TaskForm(_form_data(values.validated_data), committee=committee, user=request.user)
        if not form.is_valid():
            raise form_errors(form)
        try:
            task = services.task_create(
                committee=committee,
                user=request.user,
                leads=form.cleaned_data["leads"],
                coordinators=form.cleaned_data["coordinators"],
                **form.task_fields(),
            )
        except ValidationError as exc:
            raise from_django(exc) from exc
        return _task_response(request, task.pk, status.HTTP_201_CREATED)


def _task_response(request, pk: int, code: int = status.HTTP_200_OK) -> Response:
    task = _tasks(request.user).with_timeliness(timezone.localdate()).get(pk=pk)
    return with_etag(Response(TaskDetailSerializer(task).data, status=code), task)


class TaskDetail(VersionedRetrieve, generics.RetrieveAPIView):
    """A task with its assignments; the ETag is its version. PATCH (the secretariat) changes
    its fields as the edit form does."""

    serializer_class = TaskDetailSerializer

    def get_queryset(self):
        return _tasks(self.request.user).with_timeliness(timezone.localdate())

    @extend_schema(
        request=TaskInputSerializer(partial=True),
        parameters=[IF_MATCH],
        responses={200: TaskDetailSerializer, **LOCKING_RESPONSES},
    )
    def patch(self, request, pk: int):
        if not authz.has(request.user, authz.Capability.MANAGE_TASKS):
            raise PermissionDenied
        task = get_object_or_404(Task.objects.restrict(request.user, "change"), pk=pk)
        values = TaskInputSerializer(data=request.data, partial=True)
        values.is_valid(raise_exception=True)
        version, via_header = expected_version(request, values.validated_data.get("version"))
        base = model_to_dict(task, fields=TaskForm.Meta.fields)
        data = _form_data(values.validated_data, _form_data(base))
        form = TaskForm(data, instance=task, committee=task.committee, user=request.user)
        if not form.is_valid():
            raise form_errors(form)
        try:
            services.task_update(
                task=task, user=request.user, expected_version=version, **form.task_fields()
            )
        except services.ConflictError as exc:
            return conflict(task, exc.messages[0], via_header)
        except ValidationError as exc:
            raise from_django(exc) from exc
        return _task_response(request, pk)


class TaskAssignments(generics.ListAPIView):
    """The task's assignments the user sees; POST assigns an agency (the secretariat)."""

    serializer_class = AssignmentSerializer
    pagination_class = Pagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema's
            return Assignment.objects.none()
        task = get_object_or_404(Task.objects.restrict(self.request.user), pk=self.kwargs["pk"])
        return (
            Assignment.objects.restrict(self.request.user)
            .filter(task=task)
            .select_related("agency")
            .order_by("id")
        )

    @extend_schema(request=AssignmentInputSerializer, responses={201: AssignmentSerializer})
    def post(self, request, pk: int):
        if not authz.has(request.user, authz.Capability.MANAGE_TASKS):
            raise PermissionDenied
        task = get_object_or_404(Task.objects.restrict(request.user, "change"), pk=pk)
        values = AssignmentInputSerializer(data=request.data)
        values.is_valid(raise_exception=True)
        form = AssignmentForm(
            _form_data(values.validated_data), task=task, user=request.user
        )  # the page's choices: an agency the committee assigns work to
        if not form.is_valid():
            raise form_errors(form)
        try:
            assignment = services.assignment_add(task=task, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            raise from_django(exc) from exc
        return with_etag(
            Response(AssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED),
            assignment,
        )


class AssignmentDetail(VersionedRetrieve, RestrictedDetail):
    """An assignment; the ETag is its version. PATCH (the secretariat) changes its role or
    own deadline."""

    model = Assignment
    serializer_class = AssignmentSerializer
    select = ("agency",)

    @extend_schema(
        request=AssignmentUpdateSerializer,
        parameters=[IF_MATCH],
        responses={200: AssignmentSerializer, **LOCKING_RESPONSES},
    )
    def patch(self, request, pk: int):
        if not authz.has(request.user, authz.Capability.MANAGE_TASKS):
            raise PermissionDenied
        assignment = get_object_or_404(
            Assignment.objects.restrict(request.user, "confirm").select_related("task", "agency"),
            pk=pk,
        )
        values = AssignmentUpdateSerializer(data=request.data)
        values.is_valid(raise_exception=True)
        data = values.validated_data
        version, via_header = expected_version(request, data.get("version"))
        try:
            updated = services.assignment_add(
                task=assignment.task,
                agency=assignment.agency,
                role=data.get("role", assignment.role),
                due_date=data.get("due_date", assignment.due_date),
                user=request.user,
                expected_version=version,
            )
        except services.ConflictError as exc:
            return conflict(assignment, exc.messages[0], via_header)
        except ValidationError as exc:
            raise from_django(exc) from exc
        return with_etag(Response(AssignmentSerializer(updated).data), updated)


def _updates():
    return ProgressUpdate.objects.select_related("author").prefetch_related("evidence")


class AssignmentProgress(generics.ListAPIView):
    """The assignment's progress log, newest first. POST reports progress on an assignment of
    the user's agency: JSON, or multipart with evidence ``files`` (checked as on the page)."""

    serializer_class = ProgressUpdateSerializer
    pagination_class = Pagination
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema's
            return ProgressUpdate.objects.none()
        assignment = get_object_or_404(
            Assignment.objects.restrict(self.request.user), pk=self.kwargs["pk"]
        )
        return _updates().filter(assignment=assignment).order_by("-created_at", "-id")

    @extend_schema(
        request={
            "application/json": ProgressInputSerializer,
            "multipart/form-data": ProgressInputSerializer,
        },
        parameters=[IF_MATCH],
        responses={201: ProgressUpdateSerializer, **LOCKING_RESPONSES},
    )
    def post(self, request, pk: int):
        assignment = get_object_or_404(Assignment.objects.restrict(request.user, "report"), pk=pk)
        data = ProgressInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        version, via_header = expected_version(request, values.get("version"))
        try:
            for upload in values["files"]:
                validate_evidence(upload)
        except ValidationError as exc:
            raise from_django(ValidationError({"files": exc.messages})) from exc
        try:
            update = services.progress_log(
                assignment=assignment,
                user=request.user,
                percent=values["percent"],
                completed=values["completed"],
                note=values["note"],
                effective_date=values["effective_date"],
                files=values["files"],
                expected_version=version,
                lower_reason=values["lower_reason"],
                withdraw=values["withdraw"],
            )
        except services.ConflictError as exc:
            return conflict(assignment, exc.messages[0], via_header)
        except ValidationError as exc:
            raise from_django(exc) from exc
        update = _updates().get(pk=update.pk)
        return Response(ProgressUpdateSerializer(update).data, status=status.HTTP_201_CREATED)


class TaskProgress(generics.ListAPIView):
    """The progress log of the task's assignments the user sees, newest first."""

    serializer_class = ProgressUpdateSerializer
    pagination_class = Pagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema's
            return ProgressUpdate.objects.none()
        task = get_object_or_404(Task.objects.restrict(self.request.user), pk=self.kwargs["pk"])
        return (
            _updates()
            .filter(assignment__in=Assignment.objects.restrict(self.request.user).filter(task=task))
            .order_by("-created_at", "-id")
        )


class ExtensionFilter(django_filters.FilterSet):
    assignment = IdFilter(field_name="assignment_id")

    class Meta:
        model = Extension
        fields = ["status"]


class ExtensionList(RestrictedList):
    """Requests for a later deadline on the assignments the user sees; ``?status=pending``,
    ``?assignment=<id>``."""

    model = Extension
    serializer_class = ExtensionSerializer
    select = ("requested_by",)
    filter_backends = [DjangoFilterBackend, filters.OrderingFilter]
    filterset_class = ExtensionFilter
    ordering = ("-requested_at", "-id")
    ordering_fields = ["requested_at"]


class ExtensionDetail(RestrictedDetail):
    model = Extension
    serializer_class = ExtensionSerializer
    select = ("requested_by",)


@extend_schema(request=ExtensionInputSerializer, responses={201: ExtensionSerializer})
class ExtensionCreate(generics.GenericAPIView):
    """Ask for a later deadline on an assignment of the user's agency (the secretariat: on the
    work its committee received from above)."""

    serializer_class = ExtensionInputSerializer

    def post(self, request, pk: int):
        assignment = get_object_or_404(Assignment.objects.restrict(request.user, "extend"), pk=pk)
        values = ExtensionInputSerializer(data=request.data)
        values.is_valid(raise_exception=True)
        try:
            extension = followup.extension_request(
                assignment=assignment, user=request.user, **values.validated_data
            )
        except ValidationError as exc:
            raise from_django(exc) from exc
        return Response(ExtensionSerializer(extension).data, status=status.HTTP_201_CREATED)


def _decidable(request, pk: int) -> Extension:
    if not authz.has(request.user, authz.Capability.MANAGE_TASKS):
        raise PermissionDenied
    return get_object_or_404(Extension.objects.restrict(request.user, "decide"), pk=pk)


@extend_schema(request=None, responses={200: ExtensionSerializer})
class ExtensionGrant(generics.GenericAPIView):
    """Grant the requested deadline (the secretariat)."""

    serializer_class = ExtensionSerializer

    def post(self, request, pk: int):
        extension = _decidable(request, pk)
        try:
            extension = followup.extension_grant(extension=extension, user=request.user)
        except ValidationError as exc:
            raise from_django(exc) from exc
        return Response(ExtensionSerializer(extension).data)


@extend_schema(request=RefusalInputSerializer, responses={200: ExtensionSerializer})
class ExtensionRefuse(generics.GenericAPIView):
    """Refuse the request with a reason (the secretariat)."""

    serializer_class = RefusalInputSerializer

    def post(self, request, pk: int):
        extension = _decidable(request, pk)
        values = RefusalInputSerializer(data=request.data)
        values.is_valid(raise_exception=True)
        try:
            extension = followup.extension_refuse(
                extension=extension, user=request.user, reason=values.validated_data["reason"]
            )
        except ValidationError as exc:
            raise from_django(exc) from exc
        return Response(ExtensionSerializer(extension).data)
