"""Investment requests: filing and editing with line items, the request page and its workflow
steps, quotation downloads, and the reviewer's and finance's queues."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from common.files import private_download
from communes import queues, services
from communes.forms import (
    ActionForm,
    DisbursementForm,
    LineItems,
    RequestForm,
    apply_errors,
)
from communes.models import Allocation, Attachment, Commune, InvestmentRequest
from communes.selectors import allocation_disbursed
from communes.workflow import TRANSITIONS, Action
from steering import authz

# What the officer is told once a step is taken, as an office would word it.
DONE = {
    Action.SUBMIT: gettext_lazy("The request was sent for review."),
    Action.START_REVIEW: gettext_lazy("The request was received for review."),
    Action.APPROVE: gettext_lazy("The request was approved."),
    Action.RETURN: gettext_lazy("The request was returned to the commune for revision."),
    Action.REJECT: gettext_lazy("The request was rejected."),
    Action.ALLOCATE: gettext_lazy("Funds were allocated to the request."),
    Action.START_PURCHASING: gettext_lazy("Purchasing under the request has started."),
    Action.COMPLETE: gettext_lazy("Completion of the investment was recorded."),
}


def _save_request(request, form, items, commune=None, instance=None):
    """Run the service; its errors go back onto the form. Returns the saved request or None."""
    if not (form.is_valid() and items.is_valid()):
        return None
    fields = {
        "user": request.user,
        "title": form.cleaned_data["title"],
        "justification": form.cleaned_data["justification"],
        "items": items.items(),
        "files": form.cleaned_data["files"],
    }
    try:
        if instance is None:
            return services.request_create(commune=commune, **fields)
        return services.request_update(request=instance, **fields)
    except ValidationError as exc:
        apply_errors(form, exc)
        return None


def _form_page(request, form, items, commune, instance=None):
    status = 400 if form.errors or items.total_error_count() else 200
    context = {"form": form, "items": items, "commune": commune, "investment": instance}
    return render(request, "communes/request_form.html", context, status=status)


@authz.capability_required(authz.Capability.FILE_REQUESTS)
def request_create(request, pk: int):
    commune = get_object_or_404(Commune.objects.restrict(request.user, "file"), pk=pk)
    form = RequestForm(request.POST or None, request.FILES or None)
    items = LineItems(request.POST or None, prefix="items")
    if request.method == "POST":
        saved = _save_request(request, form, items, commune=commune)
        if saved:
            messages.success(request, _("Request saved as a draft. Submit it when it is ready."))
            return redirect("communes:request_detail", pk=saved.pk)
    return _form_page(request, form, items, commune)


@authz.capability_required(authz.Capability.FILE_REQUESTS)
def request_edit(request, pk: int):
    instance = get_object_or_404(
        InvestmentRequest.objects.restrict(request.user, "edit").select_related("commune"), pk=pk
    )
    form = RequestForm(request.POST or None, request.FILES or None, instance=instance)
    items = LineItems(request.POST or None, instance=instance, prefix="items")
    if request.method == "POST":
        saved = _save_request(request, form, items, instance=instance)
        if saved:
            messages.success(request, _("Request saved."))
            return redirect("communes:request_detail", pk=saved.pk)
    return _form_page(request, form, items, instance.commune, instance)


def line_item_row(request):
    """One more empty line-item row for the form (htmx); its index is the current form count."""
    try:
        index = int(request.GET.get("items-TOTAL_FORMS", ""))
    except ValueError:
        index = 0
    index = min(max(index, 0), LineItems.max_num)
    items = LineItems(prefix="items")
    form = items._construct_form(index)
    return render(
        request,
        "communes/partials/line_item_row.html",
        {"item": form, "total_forms": index + 1},
    )


def _detail(
    request,
    investment: InvestmentRequest,
    *,
    failed: ActionForm | None = None,
    disburse_form: DisbursementForm | None = None,
    status: int = 200,
):
    """The request page; ``failed`` or ``disburse_form`` carry a rejected form's errors."""
    actions = authz.request_actions(request.user, investment)
    forms = [
        failed
        if failed is not None and failed.action == t.action
        else ActionForm(action=t.action, user=request.user, investment=investment)
        for t in actions
    ]
    allocation = getattr(investment, "allocation", None)
    may_disburse = allocation is not None and authz.can(
        request.user, authz.Capability.HANDLE_MONEY, allocation
    )
    return render(
        request,
        "communes/request_detail.html",
        {
            "investment": investment,
            "items": investment.items.all(),
            "attachments": investment.attachments.all(),
            "transitions": investment.transitions.select_related("user"),
            "allocation": allocation,
            "disbursements": allocation.disbursements.all() if allocation else [],
            "disbursed": allocation_disbursed(allocation) if allocation else 0,
            "action_forms": list(zip(actions, forms, strict=True)),
            "disburse_form": (disburse_form or DisbursementForm()) if may_disburse else None,
            "can_edit": InvestmentRequest.objects.restrict(request.user, "edit")
            .filter(pk=investment.pk)
            .exists(),
        },
        status=status,
    )


def _visible(request, pk: int) -> InvestmentRequest:
    return get_object_or_404(
        InvestmentRequest.objects.restrict(request.user).select_related(
            "commune", "allocation__programme"
        ),
        pk=pk,
    )


def request_detail(request, pk: int):
    return _detail(request, _visible(request, pk))


@require_POST
def request_act(request, pk: int, action: str):
    """Take one workflow step; errors re-display the page with the step's form (400)."""
    investment = _visible(request, pk)
    if action not in TRANSITIONS:
        raise PermissionDenied
    form = ActionForm(request.POST, action=action, user=request.user, investment=investment)
    if form.is_valid():
        try:
            services.request_act(
                request=investment, user=request.user, action=action, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                DONE[TRANSITIONS[action].action],
            )
            return redirect("communes:request_detail", pk=investment.pk)
    investment.refresh_from_db()
    return _detail(request, investment, failed=form, status=400)


@require_POST
def disbursement_create(request, pk: int):
    investment = _visible(request, pk)
    allocation = get_object_or_404(
        Allocation.objects.restrict(request.user, "disburse"), request=investment
    )
    form = DisbursementForm(request.POST)
    if form.is_valid():
        try:
            services.disbursement_create(
                allocation=allocation, user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Payment recorded."))
            return redirect("communes:request_detail", pk=investment.pk)
    return _detail(request, investment, disburse_form=form, status=400)


def attachment_download(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.restrict(request.user), pk=pk)
    return private_download(attachment.file, attachment.original_name, attachment.content_type)


def review_queue(request):
    """Requests waiting for the reviewer, oldest first."""
    if not authz.has(request.user, authz.Capability.REVIEW_REQUESTS):
        raise PermissionDenied
    waiting = queues.review_requests(request.user)
    return render(request, "communes/review_queue.html", {"requests": waiting})


@authz.capability_required(authz.Capability.HANDLE_MONEY)
def finance_queue(request):
    """Finance's work: approved requests to allocate, allocations not yet paid out in full."""
    requests = (
        queues.finance_requests(request.user)
        .select_related("commune", "allocation")
        .order_by("updated_at", "id")
    )
    return render(
        request,
        "communes/finance_queue.html",
        {
            "to_allocate": requests.filter(queues.TO_ALLOCATE),
            "to_disburse": requests.filter(queues.TO_DISBURSE),
        },
    )
