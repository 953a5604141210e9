"""The commune list and a commune's page (survey, requests, money, tasks); recording surveys."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from communes import selectors, services
from communes.filters import CommuneFilter
from communes.forms import SurveyForm, apply_errors
from communes.models import Commune, InvestmentRequest
from steering import authz
from tasks.models import Assignment, Task

PAGE_SIZE = 50


def commune_list(request):
    if not authz.has(request.user, authz.Capability.VIEW_COMMUNES, authz.Capability.FILE_REQUESTS):
        raise PermissionDenied
    communes = selectors.with_money(
        Commune.objects.restrict(request.user).select_related("latest_survey")
    ).order_by("name")
    if not request.GET and not authz.has(request.user, authz.Capability.VIEW_COMMUNES):
        own = list(communes.values_list("pk", flat=True)[:2])
        if len(own) == 1:  # a commune's officer: straight to their commune
            return redirect("communes:commune_detail", own[0])
    commune_filter = CommuneFilter(
        request.GET,
        queryset=communes,
        requests=InvestmentRequest.objects.restrict(request.user),
    )
    if not commune_filter.is_valid():
        return render(request, "communes/commune_list.html", {"filter": commune_filter}, status=400)
    page = Paginator(commune_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "communes/commune_list.html", {"filter": commune_filter, "page": page})


def commune_detail(request, pk: int):
    commune = get_object_or_404(
        selectors.with_money(Commune.objects.restrict(request.user)).select_related(
            "agency", "latest_survey"
        ),
        pk=pk,
    )
    requests = (
        InvestmentRequest.objects.restrict(request.user)
        .filter(commune=commune)
        .select_related("allocation")
    )
    tasks = (
        Task.objects.restrict(request.user)
        .filter(Exists(Assignment.objects.filter(task=OuterRef("pk"), agency=commune.agency_id)))
        .with_timeliness(timezone.localdate())
        .order_by("due_date", "code")
    )
    return render(
        request,
        "communes/commune_detail.html",
        {
            "commune": commune,
            "surveys": commune.surveys.select_related("surveyed_by"),
            "requests": requests,
            "tasks": tasks[:50],
            "can_file": authz.can(request.user, authz.Capability.FILE_REQUESTS, commune),
            "can_survey": authz.can(request.user, authz.Capability.REVIEW_REQUESTS, commune),
        },
    )


def survey_create(request, pk: int):
    """The Department of Science and Technology records a survey of the commune."""
    if not authz.has(request.user, authz.Capability.REVIEW_REQUESTS):
        raise PermissionDenied
    commune = get_object_or_404(Commune.objects.restrict(request.user, "survey"), pk=pk)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_record(commune=commune, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Survey recorded."))
            return redirect("communes:commune_detail", pk=commune.pk)
    status = 400 if form.errors else 200
    return render(
        request, "communes/survey_form.html", {"form": form, "commune": commune}, status=status
    )
