"""Committee pages: home, committee, meetings, documents."""

from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from steering import permissions
from steering.models import Member


def committee_overview(request):
    """Home for roles without a dashboard of their own yet: the committees the user belongs to."""
    committees = (
        permissions.committees_visible_to(request.user)
        .select_related("parent")
        .annotate(
            member_count=Count("members", distinct=True),
            meeting_count=Count("meetings", distinct=True),
        )
        .order_by("level", "name")[:20]
    )
    meetings = (
        permissions.meetings_visible_to(request.user)
        .select_related("committee")
        .order_by("-held_on")[:5]
    )
    documents = permissions.documents_visible_to(request.user)[:5]
    return render(
        request,
        "steering/home.html",
        {"committees": committees, "meetings": meetings, "documents": documents},
    )


def committee_detail(request, pk: int):
    committee = get_object_or_404(
        permissions.committees_visible_to(request.user).select_related("parent", "agency"), pk=pk
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
    meetings = permissions.meetings_visible_to(request.user).select_related("committee", "chair")
    kind = request.GET.get("kind", "")
    if kind:
        meetings = meetings.filter(kind=kind)
    page = Paginator(meetings.order_by("-held_on"), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "steering/meeting_list.html",
        {"page": page, "kind": kind, "kinds": meetings.model.Kind.choices},
    )


def meeting_detail(request, pk: int):
    meeting = get_object_or_404(
        permissions.meetings_visible_to(request.user)
        .select_related("committee", "chair")
        .prefetch_related(Prefetch("attendees", queryset=Member.objects.select_related("agency"))),
        pk=pk,
    )
    return render(request, "steering/meeting_detail.html", {"meeting": meeting})


def document_list(request):
    documents = permissions.documents_visible_to(request.user)
    q = request.GET.get("q", "").strip()
    if q:
        documents = documents.filter(Q(number__icontains=q) | Q(title__icontains=q))
    page = Paginator(documents, 25).get_page(request.GET.get("page"))
    return render(request, "steering/document_list.html", {"page": page, "q": q})
