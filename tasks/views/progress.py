"""Logging progress, confirming completions, evidence downloads, and the agency's own page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.files import private_download
from steering import authz
from tasks import queues, services
from tasks.forms import ProgressForm, ReasonForm
from tasks.models import Assignment, Evidence, ProgressUpdate
from tasks.status import Status
from tasks.views.register import task_header

SECTION_SIZE = 50  # rows per page of each section of the officer's home


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@require_POST
def progress_create(request, pk: int):
    """Log progress on an assignment. htmx swaps the panel and, after a save, the task page's
    header (status, bar, late banner, assignments) and the navigation's counts out of band; a
    plain POST redirects."""
    assignment = get_object_or_404(
        Assignment.objects.restrict(request.user, "report").select_related("task", "agency"),
        pk=pk,
    )
    form = ProgressForm(request.POST, request.FILES, assignment=assignment)
    saved = False
    if form.is_valid():
        try:
            services.progress_log(
                assignment=assignment,
                user=request.user,
                percent=form.cleaned_data["percent"],
                completed=form.cleaned_data["completed"],
                note=form.cleaned_data["note"],
                effective_date=form.cleaned_data["effective_date"],
                files=form.cleaned_data["files"],
                expected_version=form.cleaned_data["version"],
                lower_reason=form.cleaned_data["lower_reason"],
                withdraw=form.cleaned_data.get("withdraw", False),
            )
            saved = True
        except ValidationError as exc:
            _form_errors(form, exc)
    if not request.htmx:
        if saved:
            messages.success(request, _("Progress recorded."))
        else:
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("task_detail", pk=assignment.task_id)
    header = task_header(request, assignment.task_id, timezone.localdate())
    target = next(a for a in header["assignments"] if a.pk == assignment.pk)
    # The timeline as the task page shows it: of a task received from the committee above,
    # only the own committee's log (the other provinces' notes and evidence are theirs).
    updates = (
        ProgressUpdate.objects.restrict(request.user)
        .filter(assignment__task_id=assignment.task_id)
        .select_related("assignment__agency", "author")
        .prefetch_related("evidence")[:100]
    )
    return render(
        request,
        "tasks/partials/progress_saved.html" if saved else "tasks/partials/progress_panel.html",
        {
            **header,
            "target": target,
            "progress_form": ProgressForm(assignment=target) if saved else form,
            "updates": updates,
            "saved": saved,
        },
        status=200 if saved else 422,
    )


def confirmation_queue(request):
    if not authz.has(request.user, authz.Capability.MANAGE_TASKS):
        raise PermissionDenied
    last_report = ProgressUpdate.objects.filter(
        assignment=OuterRef("pk"), kind=ProgressUpdate.Kind.REPORT
    ).order_by("-created_at", "-id")
    awaiting = (
        queues.confirmations(request.user)
        .select_related("task", "agency")
        .annotate(report_id=Subquery(last_report.values("id")[:1]))
        .order_by("updated_at")
    )
    items = list(awaiting[:200])
    reports = ProgressUpdate.objects.in_bulk([a.report_id for a in items if a.report_id])
    evidence_by_report = {}
    for report in ProgressUpdate.objects.filter(id__in=reports).prefetch_related("evidence"):
        evidence_by_report[report.id] = (report, list(report.evidence.all()))
    rows = [(a, *evidence_by_report.get(a.report_id, (None, []))) for a in items]
    return render(request, "tasks/confirmation_queue.html", {"rows": rows})


def _decide(request, pk: int, confirm: bool):
    if not authz.has(request.user, authz.Capability.MANAGE_TASKS):
        raise PermissionDenied
    assignment = get_object_or_404(
        Assignment.objects.restrict(request.user, "confirm").select_related("task", "agency"),
        pk=pk,
    )
    form = ReasonForm(request.POST)
    form.is_valid()
    version = form.cleaned_data.get("version")
    try:
        if confirm:
            services.completion_confirm(
                assignment=assignment, user=request.user, expected_version=version
            )
            text = _("Completion of %(code)s by %(agency)s confirmed.")
        else:
            services.completion_return(
                assignment=assignment,
                user=request.user,
                reason=form.cleaned_data.get("reason", ""),
                expected_version=version,
            )
            text = _("Report of %(code)s by %(agency)s sent back.")
        ok, text = True, text % {"code": assignment.task.code, "agency": assignment.agency}
    except ValidationError as exc:
        ok, text = False, " ".join(exc.messages)
    if request.htmx:
        return render(
            request,
            "tasks/partials/decision.html",
            {"ok": ok, "text": text, "assignment": assignment},
            status=200 if ok else 422,
        )
    (messages.success if ok else messages.error)(request, text)
    return redirect("confirmation_queue")


@require_POST
def completion_confirm(request, pk: int):
    return _decide(request, pk, confirm=True)


@require_POST
def completion_return(request, pk: int):
    return _decide(request, pk, confirm=False)


def evidence_download(request, pk: int):
    evidence = get_object_or_404(Evidence.objects.restrict(request.user), pk=pk)
    return private_download(evidence.file, evidence.original_name, evidence.content_type)


def _section(request, rows, role: str) -> dict:
    """One section of the officer's home: a page of the rows of ``role``, with its links."""
    param = f"{role}_page"
    page = Paginator(rows.filter(role=role), SECTION_SIZE).get_page(request.GET.get(param))

    def link(number: int) -> str:
        query = request.GET.copy()
        query[param] = number
        return "?" + query.urlencode()

    return {
        "role": role,
        "page": page,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "next": link(page.next_page_number()) if page.has_next() else None,
    }


def my_agency(request):
    """An officer's home: the agency's lead and its coordinating work in two sections, what
    needs doing first, the queues' counts at the top; ``?queue=`` shows one queue."""
    today = timezone.localdate()
    filters = queues.officer_queues(today)
    queue = request.GET.get("queue", "")
    rows = queues.officer_assignments(request.user, today).select_related("task")
    if queue in filters:
        rows = rows.filter(filters[queue])
    rows = rows.annotate(
        returned=ExpressionWrapper(filters["returned"], output_field=BooleanField()),
        awaiting=ExpressionWrapper(filters["awaiting"], output_field=BooleanField()),
        urgency=Case(
            When(filters["overdue"], then=Value(0)),
            When(filters["returned"], then=Value(1)),
            When(filters["due_week"], then=Value(2)),
            When(_status__in=[Status.IN_PROGRESS, Status.NOT_STARTED], then=Value(3)),
            When(filters["awaiting"], then=Value(4)),
            default=Value(5),
            output_field=IntegerField(),
        ),
    ).order_by("urgency", "_deadline", "task__code")
    return render(
        request,
        "tasks/my_agency.html",
        {
            "queue": queue if queue in filters else "",
            "sections": [_section(request, rows, role) for role in Assignment.Role.values],
        },
    )
