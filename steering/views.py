"""Committee pages: home, committee, meetings, documents, indicators."""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from steering import authz, selectors, services
from steering.forms import DocumentSearchForm, IndicatorValueForm, MeetingFilterForm
from steering.models import Committee, Document, Indicator, Meeting, Member


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


def meeting_detail(request, pk: int):
    meeting = get_object_or_404(
        Meeting.objects.restrict(request.user)
        .select_related("committee", "chair")
        .prefetch_related(Prefetch("attendees", queryset=Member.objects.select_related("agency"))),
        pk=pk,
    )
    return render(request, "steering/meeting_detail.html", {"meeting": meeting})


def document_list(request):
    documents = Document.objects.restrict(request.user)
    form = DocumentSearchForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    if q:
        documents = documents.filter(Q(number__icontains=q) | Q(title__icontains=q))
    page = Paginator(documents, 25).get_page(request.GET.get("page"))
    status = 200 if form.is_valid() else 400
    return render(request, "steering/document_list.html", {"page": page, "q": q}, status=status)


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
