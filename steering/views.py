"""Committee pages: home, committee, meetings and their conclusions, documents, indicators."""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from common.files import private_download
from steering import authz, selectors, services
from steering.forms import (
    ConclusionForm,
    ConclusionItemFormSet,
    DocumentFileForm,
    DocumentSearchForm,
    IndicatorValueForm,
    MeetingFilterForm,
)
from steering.models import Committee, Document, Indicator, Meeting, Member
from tasks.models import Task
from tasks.views.register import with_leads


def committee_overview(request):
    """Home for roles without a dashboard of their own yet: the committees the user belongs to."""
    committees = (
        Committee.objects.restrict(request.user)
        .select_related("parent")
        .annotate(
            member_count=Count("members", distinct=True),
            meeting_count=Count("meetings", distinct=True),
        )
        .order_by("level", "name")[:20]
    )
    meetings = (
        Meeting.objects.restrict(request.user).select_related("committee").order_by("-held_on")[:5]
    )
    documents = Document.objects.restrict(request.user)[:5]
    return render(
        request,
        "steering/home.html",
        {"committees": committees, "meetings": meetings, "documents": documents},
    )


def committee_detail(request, pk: int):
    committee = get_object_or_404(
        Committee.objects.restrict(request.user).select_related("parent", "agency"), pk=pk
    )
    members = committee.members.select_related("agency").order_by("sort_order", "full_name")
    role_order = {role: i for i, role in enumerate(Member.Role.values)}
    members = sorted(members, key=lambda m: (role_order[m.role], m.sort_order, m.full_name))
    groups = [
        (Member.Role(role).label, list(group))
        for role, group in groupby(members, key=lambda m: m.role)
    ]
    children = committee.children.order_by("name")
    return render(
        request,
        "steering/committee_detail.html",
        {"committee": committee, "groups": groups, "children": children},
    )


def meeting_list(request):
    meetings = Meeting.objects.restrict(request.user).select_related("committee", "chair")
    form = MeetingFilterForm(request.GET)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    if kind:
        meetings = meetings.filter(kind=kind)
    page = Paginator(meetings.order_by("-held_on"), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "steering/meeting_list.html",
        {"page": page, "kind": kind, "kinds": Meeting.Kind.choices},
        status=200 if form.is_valid() else 400,
    )


def _tasks_with_progress(user, **filters) -> list[Task]:
    """The tasks the user sees among those matching ``filters``, with their timeliness and
    leads: a fixed number of queries however many there are."""
    tasks = list(
        Task.objects.restrict(user)
        .filter(**filters)
        .with_timeliness(timezone.localdate())
        .order_by("code")
    )
    with_leads(user, tasks)
    return tasks


def _meeting_page(request, meeting: Meeting, conclusion=None, items=None, status=200):
    """The meeting with the tasks assigned at it and, for the secretariat, the conclusion form."""
    can_manage = authz.can(request.user, authz.Capability.MANAGE_TASKS, meeting)
    if can_manage and conclusion is None:
        conclusion = ConclusionForm(meeting=meeting)
        items = ConclusionItemFormSet(meeting=meeting, user=request.user, prefix="items")
    context = {
        "meeting": meeting,
        "tasks": _tasks_with_progress(request.user, meeting=meeting),
        "conclusion_form": conclusion,
        "items": items,
    }
    return render(request, "steering/meeting_detail.html", context, status=status)


def _visible_meeting(request, pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.restrict(request.user)
        .select_related("committee", "chair")
        .prefetch_related(Prefetch("attendees", queryset=Member.objects.select_related("agency"))),
        pk=pk,
    )


def meeting_detail(request, pk: int):
    return _meeting_page(request, _visible_meeting(request, pk))


CONCLUSION_FIELDS = [
    "conclusion_number",
    "conclusion_date",
    "conclusion_file",
    "conclusion_file_name",
    "conclusion_file_type",
]


@require_POST
def meeting_conclude(request, pk: int):
    """Record the conclusion notice and assign its items as tasks, all in one post."""
    meeting = _visible_meeting(request, pk)
    if not authz.can(request.user, authz.Capability.MANAGE_TASKS, meeting):
        raise PermissionDenied
    conclusion = ConclusionForm(request.POST, request.FILES, meeting=meeting)
    items = ConclusionItemFormSet(request.POST, meeting=meeting, user=request.user, prefix="items")
    if conclusion.is_valid() and items.is_valid():
        try:
            tasks = services.meeting_conclude(
                meeting=meeting,
                user=request.user,
                number=conclusion.cleaned_data["number"],
                issued_on=conclusion.cleaned_data["issued_on"],
                upload=conclusion.cleaned_data["file"],
                items=items.items(),
            )
        except ValidationError as exc:
            # Messages only: the service's fields are not all this form's.
            conclusion.add_error(None, exc.messages)
            meeting.refresh_from_db(fields=CONCLUSION_FIELDS)  # as saved, not as tried
        else:
            text = ngettext(
                "Conclusion notice %(number)s recorded; %(count)s task assigned.",
                "Conclusion notice %(number)s recorded; %(count)s tasks assigned.",
                len(tasks),
            )
            messages.success(
                request, text % {"number": meeting.conclusion_number, "count": len(tasks)}
            )
            return redirect("meeting_detail", pk=meeting.pk)
    return _meeting_page(request, meeting, conclusion, items, status=400)


def meeting_conclusion_file(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.restrict(request.user), pk=pk)
    return private_download(
        meeting.conclusion_file, meeting.conclusion_file_name, meeting.conclusion_file_type
    )


def document_list(request):
    documents = Document.objects.restrict(request.user)
    form = DocumentSearchForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    if q:
        documents = documents.filter(Q(number__icontains=q) | Q(title__icontains=q))
    page = Paginator(documents, 25).get_page(request.GET.get("page"))
    status = 200 if form.is_valid() else 400
    return render(request, "steering/document_list.html", {"page": page, "q": q}, status=status)


def _document_page(request, document: Document, form=None, status=200):
    """The document, its file, and the tasks that cite it as their basis."""
    if form is None and authz.can(request.user, authz.Capability.MANAGE_TASKS, document):
        form = DocumentFileForm()
    context = {
        "document": document,
        "tasks": _tasks_with_progress(request.user, source_document=document),
        "file_form": form,
    }
    return render(request, "steering/document_detail.html", context, status=status)


def _visible_document(request, pk: int) -> Document:
    return get_object_or_404(
        Document.objects.restrict(request.user).select_related("committee"), pk=pk
    )


def document_detail(request, pk: int):
    return _document_page(request, _visible_document(request, pk))


@require_POST
def document_attach(request, pk: int):
    document = _visible_document(request, pk)
    if not authz.can(request.user, authz.Capability.MANAGE_TASKS, document):
        raise PermissionDenied
    form = DocumentFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _document_page(request, document, form, status=400)
    services.document_attach(document=document, user=request.user, upload=form.cleaned_data["file"])
    messages.success(request, _("File of %(number)s saved.") % {"number": document.number})
    return redirect("document_detail", pk=document.pk)


def document_file(request, pk: int):
    document = get_object_or_404(Document.objects.restrict(request.user), pk=pk)
    return private_download(document.file, document.file_name, document.file_type)


def indicator_list(request):
    """The committees' indicators: target, latest actual and achievement, with a form on each
    indicator whose value the user may record."""
    statuses = selectors.indicator_statuses(
        Indicator.objects.restrict(request.user).select_related("committee"),
        timezone.localdate(),
    )
    recordable = set(
        Indicator.objects.restrict(request.user, "record").values_list("id", flat=True)
    )
    rows = []
    for status in statuses:
        pk = status.indicator.pk
        rows.append(
            (status, IndicatorValueForm(auto_id=f"id_{pk}_%s") if pk in recordable else None)
        )
    return render(request, "steering/indicator_list.html", {"rows": rows})


@require_POST
def indicator_value_create(request, pk: int):
    if not authz.has(
        request.user,
        authz.Capability.RECORD_INDICATORS,
        authz.Capability.RECORD_ANY_INDICATOR,
    ):
        raise PermissionDenied
    indicator = get_object_or_404(Indicator.objects.restrict(request.user, "record"), pk=pk)
    form = IndicatorValueForm(request.POST)
    if form.is_valid():
        try:
            services.indicator_value_record(
                indicator=indicator, user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Value of %(code)s recorded.") % {"code": indicator.code})
            return redirect("indicator_list")
    else:
        errors = [error for field in form.errors.values() for error in field]
    messages.error(request, f"{indicator.code}: {' '.join(errors)}")
    return redirect("indicator_list")
