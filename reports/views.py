"""The reports page: request a report, watch it (htmx polling), download, list and filter."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.files import private_download
from reports import services
from reports.filters import ReportFilter
from reports.forms import IssueForm, ReportRequestForm
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


def _rows(queryset):
    """The reports as their rows print them: committee, author, the report a correction
    replaces, the issued correction that replaces one (a constant number of queries)."""
    issued = Report.objects.exclude(pdf_sha256="").order_by("issued_on", "pk")
    return queryset.select_related("committee", "requested_by", "replaces").prefetch_related(
        Prefetch("corrections", queryset=issued, to_attr="issued_corrections")
    )


def _issuable(request, reports) -> set[int]:
    """The reports among ``reports`` the user may issue or correct (one query)."""
    if not authz.has(request.user, authz.Capability.ISSUE_REPORTS):
        return set()
    ids = [report.pk for report in reports]
    return set(
        Report.objects.restrict(request.user, "issue")
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )


def _list(request, form, status=200):
    reports = _rows(Report.objects.restrict(request.user))
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
        "issuable": _issuable(request, page.object_list),
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
    report = get_object_or_404(_rows(Report.objects.restrict(request.user)), pk=pk)
    context = {
        "report": report,
        "may_retry": authz.has(request.user, authz.Capability.REQUEST_REPORTS),
        "issuable": _issuable(request, [report]),
    }
    return render(request, "reports/partials/report_row.html", context)


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


def _issue_page(request, report: Report, form: IssueForm, status: int = 200):
    context = {"report": report, "form": form}
    return render(request, "reports/report_issue.html", context, status=status)


@readers_only
@authz.capability_required(authz.Capability.ISSUE_REPORTS)
def report_issue(request, pk: int):
    """Issue a finished draft with its number, date and signer; its files are then rendered
    once more with them and frozen."""
    report = get_object_or_404(
        Report.objects.restrict(request.user, "issue").select_related("committee"),
        pk=pk,
        status=Report.Status.DONE,
        number=None,
    )
    today = timezone.localdate()
    if request.method != "POST":
        return _issue_page(request, report, IssueForm(report=report, today=today))
    form = IssueForm(request.POST, report=report, today=today)
    if not form.is_valid():
        return _issue_page(request, report, form, status=400)
    data = form.cleaned_data
    try:
        issued = services.report_issue(
            report=report,
            number=data["number"],
            issued_on=data["issued_on"],
            signer=data["signer"],
            user=request.user,
        )
    except IntegrityError:  # the same number taken meanwhile (the constraint)
        form.add_error("number", _("This number was just given to another report."))
        return _issue_page(request, report, form, status=400)
    messages.success(
        request,
        _("Report %(number)s is being issued; its final files are ready in a moment.")
        % {"number": issued.number_text()},
    )
    return redirect("report_list")


@readers_only
@require_POST
@authz.capability_required(authz.Capability.ISSUE_REPORTS)
def report_correct(request, pk: int):
    """Start a correction of an issued report: a new draft naming the one it replaces."""
    report = get_object_or_404(Report.objects.restrict(request.user, "issue"), pk=pk)
    if not report.frozen:
        messages.info(request, _("Only an issued report can be corrected."))
        return redirect("report_list")
    correction = services.report_correct(report=report, user=request.user)
    messages.success(
        request,
        _("A correction of report %(number)s is being drafted; issue it once it is ready.")
        % {"number": report.number_text()},
    )
    return redirect(f"{reverse('report_list')}#report-{correction.pk}")


@readers_only
def report_download(request, pk: str, fmt: str):
    done = Q(status=Report.Status.DONE) | ~Q(pdf_sha256="")  # issued files: always theirs
    report = get_object_or_404(Report.objects.restrict(request.user).filter(done), pk=pk)
    file = getattr(report, fmt)  # the URL allows only the formats of CONTENT_TYPES
    return private_download(file, f"{report.file_stem()}.{fmt}", CONTENT_TYPES[fmt])
