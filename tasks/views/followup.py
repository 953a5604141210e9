"""Urging agencies, extension requests and the secretariat's queue of them (``tasks.followup``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from steering import authz
from steering.models import Agency
from tasks import followup
from tasks.forms import ExtensionForm, RefusalForm, UrgeForm
from tasks.models import Assignment, Extension, Task


def _problems(form, exc: ValidationError | None = None) -> str:
    """Form and service errors as one message, each naming its field."""
    texts = [
        f"{form.fields[name].label}: {error}" if name in form.fields else error
        for name, errors in form.errors.items()
        for error in errors
    ]
    if exc is not None:
        texts += exc.messages
    return " ".join(texts)


def _run(request, form, action, done: str) -> None:
    """Run a follow-up service with the form's data; say what happened."""
    if not form.is_valid():
        messages.error(request, _problems(form))
        return
    try:
        action(form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, _problems(form, exc))
    else:
        messages.success(request, done)


@require_POST
@authz.capability_required(authz.Capability.MANAGE_TASKS)
def urge_task(request, pk: int):
    """Urge one agency on one task (the task page): the form names the assignment."""
    task = get_object_or_404(Task.objects.restrict(request.user, "change"), pk=pk)
    form = UrgeForm(request.POST, task=task, user=request.user)
    _run(
        request,
        form,
        lambda data: followup.urge_create(
            assignments=[data["assignment"]], user=request.user, message=data["message"]
        ),
        _("Urged on %(code)s.") % {"code": task.code},
    )
    return redirect("task_detail", pk=task.pk)


@require_POST
@authz.capability_required(authz.Capability.MANAGE_TASKS)
def urge_agency(request, pk: int):
    """Urge an agency on all the work it leads that is overdue (the dashboard)."""
    agency = get_object_or_404(Agency.objects.restrict(request.user, "use"), pk=pk)
    _run(
        request,
        UrgeForm(request.POST),
        lambda data: followup.urge_overdue(
            agency=agency,
            user=request.user,
            message=data["message"],
            today=timezone.localdate(),
        ),
        _("%(agency)s urged on all its overdue work.") % {"agency": agency},
    )
    return redirect("dashboard")


@require_POST
def extension_create(request, pk: int):
    """An officer asks for a later deadline on their agency's assignment (the task page)."""
    assignment = get_object_or_404(
        Assignment.objects.restrict(request.user, "extend").select_related("task"), pk=pk
    )
    _run(
        request,
        ExtensionForm(request.POST),
        lambda data: followup.extension_request(
            assignment=assignment,
            user=request.user,
            new_due=data["new_due"],
            reason=data["reason"],
        ),
        _("Extension requested; the secretariat will decide."),
    )
    return redirect("task_detail", pk=assignment.task_id)


@authz.capability_required(authz.Capability.MANAGE_TASKS)
def extension_queue(request):
    """Extension requests awaiting a decision, oldest first, and the latest decisions."""
    extensions = Extension.objects.restrict(request.user, "decide").select_related(
        "assignment__task", "assignment__agency", "requested_by", "decided_by"
    )
    return render(
        request,
        "tasks/extension_queue.html",
        {
            "pending": list(
                extensions.filter(status=Extension.Status.PENDING).order_by("requested_at")
            ),
            "decided": extensions.exclude(status=Extension.Status.PENDING).order_by("-decided_at")[
                :30
            ],
        },
    )


def _extension(request, pk: int) -> Extension:
    return get_object_or_404(
        Extension.objects.restrict(request.user, "decide").select_related(
            "assignment__task", "assignment__agency"
        ),
        pk=pk,
    )


@require_POST
@authz.capability_required(authz.Capability.MANAGE_TASKS)
def extension_grant(request, pk: int):
    extension = _extension(request, pk)
    try:
        followup.extension_grant(extension=extension, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Extension of %(code)s for %(agency)s granted.")
            % {"code": extension.assignment.task.code, "agency": extension.assignment.agency},
        )
    return redirect("extension_queue")


@require_POST
@authz.capability_required(authz.Capability.MANAGE_TASKS)
def extension_refuse(request, pk: int):
    extension = _extension(request, pk)
    _run(
        request,
        RefusalForm(request.POST),
        lambda data: followup.extension_refuse(
            extension=extension, user=request.user, reason=data["reason"]
        ),
        _("Extension of %(code)s for %(agency)s refused.")
        % {"code": extension.assignment.task.code, "agency": extension.assignment.agency},
    )
    return redirect("extension_queue")
