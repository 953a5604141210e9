"""The reports page: request a report, watch it (htmx polling), download, list and filter."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.files import private_download
from reports import services
from reports.filters import ReportFilter
from reports.forms import ReportRequestForm
from reports.models import Report
from steering import authz
from steering.models import Committee

PAGE_SIZE = 25
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

readers_only = authz.capability_required(authz.Capability.VIEW_REPORTS)


def _request_form(request, data=None):
    if not authz.has(request.user, authz.Capability.REQUEST_REPORTS):
        return None
    committees = Committee.objects.restrict(request.user, "report")
    form = ReportRequestForm(data, committees=committees, today=timezone.localdate())
    form.fields["committee"].initial = authz.committee_id_of(request.user)
    return form


def _list(request, form, status=200):
    reports = Report.objects.restrict(request.user).select_related("committee", "requested_by")
    report_filter = ReportFilter(request.GET, queryset=reports)
    if not report_filter.is_valid():  # the page shows the filter's errors
        status = 400
        report_filter.queryset = reports.none()
    page = Paginator(report_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "filter": report_filter,
        "page": page,
        "may_retry": authz.has(request.user, authz.Capability.REQUEST_REPORTS),
    }
    return render(request, "reports/report_list.html", context, status=status)


@readers_only
def report_list(request):
    return _list(request, _request_form(request))


@readers_only
@require_POST
def report_create(request):
    form = _request_form(request, request.POST)
    if form is None:
        raise PermissionDenied
    if not form.is_valid():
        return _list(request, form, status=422)
    data = form.cleaned_data
    report = services.report_request(
        committee=data["committee"],
        kind=data["kind"],
        start=data["start"],
        end=data["end"],
        user=request.user,
    )
    _announce(request, report)
    return redirect("report_list")


def _announce(request, report: Report) -> None:
    if report.note == Report.Note.QUEUE_UNAVAILABLE:
        messages.warning(
            request,
            _(
                "The report queue is unavailable right now. Your request is kept and will be "
                "generated as soon as the queue is back."
            ),
        )
    else:
        messages.success(request, _("Report requested. Its status updates on this page."))


@readers_only
def report_status(request, pk: int):
    """One row of the list; htmx polls it until the report is done or failed."""
    report = get_object_or_404(
        Report.objects.restrict(request.user).select_related("committee", "requested_by"),
        pk=pk,
    )
    may_retry = authz.has(request.user, authz.Capability.REQUEST_REPORTS)
    return render(
        request, "reports/partials/report_row.html", {"report": report, "may_retry": may_retry}
    )


@readers_only
@require_POST
@authz.capability_required(authz.Capability.REQUEST_REPORTS)
def report_retry(request, pk: int):
    report = get_object_or_404(Report.objects.restrict(request.user, "retry"), pk=pk)
    if not report.can_retry:
        messages.info(request, _("This report is not failed or stuck; there is nothing to retry."))
        return redirect("report_list")
    report = services.report_retry(report=report)
    _announce(request, report)
    return redirect("report_list")


@readers_only
def report_download(request, pk: str, fmt: str):
    report = get_object_or_404(
        Report.objects.restrict(request.user), pk=pk, status=Report.Status.DONE
    )
    file = getattr(report, fmt)  # the URL allows only the formats of CONTENT_TYPES
    return private_download(file, f"{report.file_stem()}.{fmt}", CONTENT_TYPES[fmt])
