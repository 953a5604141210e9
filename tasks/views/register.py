"""The task register: list with filters, detail, create, edit, assign, cancel."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from steering import authz
from steering.models import Agency, Committee
from tasks import services
from tasks.filters import TaskFilter
from tasks.forms import AssignmentForm, ProgressForm, ReasonForm, TaskForm
from tasks.models import Assignment, ProgressUpdate, Task
from tasks.selectors import change_history, count_categories
from tasks.status import OVERDUE_CATEGORIES

PAGE_SIZE = 50


class CountedPaginator(Paginator):
    """A paginator told its row count by a caller who already knows it (no COUNT query)."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


SHOWN_LEADS = 2  # the register names two leads and says "and N more"
LATE_LIST_MAX = 5  # the task page's late banner names up to this many, else counts them


def with_leads(user, tasks: list[Task]) -> None:
    """Set ``leads`` (the first few lead assignments the user sees; of a task received from
    above, their own only) and ``lead_total`` on each task of a page: two queries, however many
    communes lead a task."""
    visible = Assignment.objects.restrict(user).filter(task__in=tasks, role=Assignment.Role.LEAD)
    first = visible.select_related("agency").order_by("agency__name")[:SHOWN_LEADS]
    prefetch_related_objects(tasks, Prefetch("assignments", queryset=first, to_attr="leads"))
    totals = dict(visible.order_by().values_list("task_id").annotate(n=Count("id")))
    for task in tasks:
        task.lead_total = totals.get(task.pk, 0)


def task_list(request):
    today = timezone.localdate()
    tasks = Task.objects.restrict(request.user)
    task_filter = TaskFilter(request.GET, queryset=tasks, request=request, today=today)
    if not task_filter.is_valid():
        return render(request, "tasks/task_list.html", {"filter": task_filter}, status=400)
    summary = count_categories(task_filter.without_category())
    selected = set(task_filter.form.cleaned_data.get("category") or [])
    # The counts per category already say how many rows the category filter keeps.
    count = sum(summary.counts[c] for c in selected) if selected else summary.total
    results = task_filter.qs.select_related("committee")
    page = CountedPaginator(results, PAGE_SIZE, count=count).get_page(request.GET.get("page"))
    with_leads(request.user, list(page))  # the page keeps these objects
    return render(
        request,
        "tasks/task_list.html",
        {
            "filter": task_filter,
            "page": page,
            "summary": summary,
            "selected_categories": selected,
        },
    )


def _report_target(request, assignments: list, reportable_ids: set) -> Assignment | None:
    """The assignment the progress form logs on: the one chosen (``?assignment=``) if the user
    may report on it, else the user's own agency's, else the only one they may report on."""
    reportable = [a for a in assignments if a.id in reportable_ids]
    chosen = request.GET.get("assignment", "")
    for assignment in reportable:
        if str(assignment.id) == chosen:
            return assignment
    own = [a for a in reportable if a.agency_id == authz.agency_id_of(request.user)]
    if own:
        return own[0]
    return reportable[0] if len(reportable) == 1 else None


def task_header(request, pk: int, today) -> dict:
    """What the top of the task page shows (status, bar, late banner, assignments): for the
    page, and for the fragments a progress save sends back out of band."""
    task = get_object_or_404(
        Task.objects.restrict(request.user)
        .with_timeliness(today)
        .select_related("committee", "source_document", "meeting", "parent", "upstream__committee"),
        pk=pk,
    )
    # Of a task received from the committee above, only the own committee's assignment shows.
    visible = Assignment.objects.restrict(request.user).filter(task=task)
    # The viewer's own agency's assignment first (a commune among 135 finds its own at once).
    own_agency = authz.agency_id_of(request.user)
    assignments = sorted(
        visible.with_timeliness(today).select_related("agency", "task"),
        key=lambda a: (a.agency_id != own_agency, a.role != Assignment.Role.LEAD, a.agency.name),
    )
    leads = [a for a in assignments if a.role == Assignment.Role.LEAD]
    late = [a for a in leads if a.category in OVERDUE_CATEGORIES]
    return {
        "task": task,
        "assignments": assignments,
        "leads_done": sum(1 for a in leads if a.status == "completed"),
        "leads_total": len(leads),
        # Beyond a few, the banner says how many ("38 xã, phường chậm") and lists them on demand.
        "late_leads": late,
        "late_communes": sum(1 for a in late if a.agency.kind == Agency.Kind.COMMUNE),
        "late_list_max": LATE_LIST_MAX,
        "reportable_ids": set(
            Assignment.objects.restrict(request.user, "report")
            .filter(task=task)
            .values_list("id", flat=True)
        ),
    }


def task_detail(request, pk: int):
    header = task_header(request, pk, timezone.localdate())
    task = header["task"]
    updates = (
        ProgressUpdate.objects.restrict(request.user)
        .filter(assignment__task=task)
        .select_related("assignment__agency", "author")
        .prefetch_related("evidence")[:100]
    )
    target = _report_target(request, header["assignments"], header["reportable_ids"])
    can_manage = authz.can(request.user, authz.Capability.MANAGE_TASKS, task)
    return render(
        request,
        "tasks/task_detail.html",
        {
            **header,
            "updates": updates,
            "target": target,
            "progress_form": ProgressForm(assignment=target) if target else None,
            "can_manage": can_manage,
            "assignment_form": AssignmentForm(task=task, user=request.user) if can_manage else None,
            "history": change_history(task, [a.pk for a in header["assignments"]]),
            "user_committee_id": authz.committee_id_of(request.user),
            # The lower committees' own tasks that carry this one out.
            "breakdown": Task.objects.restrict(request.user)
            .filter(upstream=task)
            .select_related("committee")
            .order_by("committee__name", "code")[:50],
        },
    )


def _manageable_committee(request) -> Committee:
    committee = Committee.objects.restrict(request.user, "change").filter(
        pk=authz.committee_id_of(request.user)
    )
    if not committee:
        raise PermissionDenied
    return committee[0]


def task_create(request):
    committee = _manageable_committee(request)
    data = request.POST if request.method == "POST" else None
    form = TaskForm(data, committee=committee, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_create(
                committee=committee,
                user=request.user,
                leads=form.cleaned_data["leads"],
                coordinators=form.cleaned_data["coordinators"],
                **form.task_fields(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Task %(code)s created.") % {"code": task.code})
            return redirect("task_detail", pk=task.pk)
    status = 400 if form.errors else 200
    return render(request, "tasks/task_form.html", {"form": form}, status=status)


@authz.capability_required(authz.Capability.MANAGE_TASKS)
def task_edit(request, pk: int):
    task = get_object_or_404(Task.objects.restrict(request.user, "change"), pk=pk)
    data = request.POST if request.method == "POST" else None
    form = TaskForm(data, instance=task, committee=task.committee, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_update(
                task=task,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                **form.task_fields(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Task %(code)s saved.") % {"code": task.code})
            return redirect("task_detail", pk=task.pk)
    status = 400 if form.errors else 200
    return render(request, "tasks/task_form.html", {"form": form, "task": task}, status=status)


@require_POST
@authz.capability_required(authz.Capability.MANAGE_TASKS)
def task_cancel(request, pk: int):
    task = get_object_or_404(Task.objects.restrict(request.user, "change"), pk=pk)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give a reason for cancelling the task."))
        services.task_cancel(
            task=task,
            user=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
        messages.success(request, _("Task %(code)s cancelled.") % {"code": task.code})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("task_detail", pk=task.pk)


@require_POST
@authz.capability_required(authz.Capability.MANAGE_TASKS)
def assignment_create(request, pk: int):
    task = get_object_or_404(Task.objects.restrict(request.user, "change"), pk=pk)
    form = AssignmentForm(request.POST, task=task, user=request.user)
    if form.is_valid():
        services.assignment_add(task=task, user=request.user, **form.cleaned_data)
        messages.success(request, _("Agency assigned."))
    else:
        messages.error(request, _("Choose an agency and a role."))
    return redirect("task_detail", pk=task.pk)
