"""Importing annexes: upload, preview with corrections, confirmation, progress, history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.files import private_download
from steering import authz
from steering.models import Agency
from tasks import imports
from tasks.annex import COLUMN_LABELS
from tasks.forms import ImportUploadForm
from tasks.models import ImportBatch

PREVIEW_PAGE_SIZE = 100
MAX_LISTED_ERRORS = 200


def _check(request) -> None:
    if not authz.has(request.user, authz.Capability.IMPORT_ANY, authz.Capability.IMPORT_OWN):
        raise PermissionDenied


def _batch(request, pk: int) -> ImportBatch:
    _check(request)
    return get_object_or_404(
        ImportBatch.objects.restrict(request.user).select_related("created_by"), pk=pk
    )


def import_list(request):
    """The upload form and the import history."""
    _check(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = imports.import_batch_create(
                user=request.user,
                upload=form.cleaned_data["file"],
                default_field=form.cleaned_data["default_field"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            return redirect("import_preview", pk=batch.pk)
    history = ImportBatch.objects.restrict(request.user).select_related("created_by")[:50]
    status = 400 if form.errors else 200
    return render(
        request, "tasks/import_list.html", {"form": form, "history": history}, status=status
    )


def _choices_from(request, preview: imports.Preview) -> tuple[dict[int, str], dict[str, dict]]:
    columns = {}
    for column in preview.annex.columns if preview.annex else []:
        value = request.POST.get(f"column-{column.index}")
        if value is not None and (value == "" or value in COLUMN_LABELS):
            columns[column.index] = value
    agencies = {}
    for i, unmatched in enumerate(preview.unmatched):
        value = request.POST.get(f"agency-{i}", "").strip()
        if value:  # checked by imports.import_batch_choose: a forged choice is refused
            agencies[unmatched.key] = {"name": unmatched.name, "agency": value}
    return columns, agencies


def import_preview(request, pk: int):
    """What the import will do; POST saves corrections of columns and agencies."""
    batch = _batch(request, pk)
    if batch.status != ImportBatch.Status.PREVIEW:
        return redirect("import_detail", pk=batch.pk)
    preview = imports.import_preview(batch)
    status = 200
    if request.method == "POST":
        columns, agencies = _choices_from(request, preview)
        try:
            imports.import_batch_choose(
                user=request.user, batch=batch, columns=columns, agencies=agencies
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            status = 400  # nothing recorded; the same preview again
        else:
            messages.info(request, _("Corrections applied; check the preview again."))
            return redirect("import_preview", pk=batch.pk)
    errors = preview.error_messages()
    return render(
        request,
        "tasks/import_preview.html",
        {
            "batch": batch,
            "preview": preview,
            "page": Paginator(preview.rows, PREVIEW_PAGE_SIZE).get_page(request.GET.get("page")),
            "errors": errors[:MAX_LISTED_ERRORS],
            "more_errors": max(0, len(errors) - MAX_LISTED_ERRORS),
            "column_choices": list(COLUMN_LABELS.items()),
            "agencies": Agency.objects.restrict(request.user, "use")
            .filter(committee_id=batch.committee_id)
            .only("id", "name"),
        },
        status=status,
    )


@require_POST
def import_confirm(request, pk: int):
    batch = _batch(request, pk)
    if batch.status == ImportBatch.Status.PREVIEW:
        imports.import_batch_confirm(batch=batch)
    return redirect("import_detail", pk=batch.pk)


def import_detail(request, pk: int):
    """The outcome of an import; while it runs, htmx polls the status fragment."""
    batch = _batch(request, pk)
    context = {
        "batch": batch,
        "may_retry": batch.can_retry,
    }
    if request.htmx:
        return render(request, "tasks/partials/import_status.html", context)
    return render(request, "tasks/import_detail.html", context)


def import_file(request, pk: int):
    """The uploaded file itself, as kept in the history."""
    batch = _batch(request, pk)
    return private_download(batch.file, batch.original_name)


@require_POST
def import_retry(request, pk: int):
    """Run a failed (or stuck) import again."""
    _check(request)
    batch = get_object_or_404(ImportBatch.objects.restrict(request.user, "retry"), pk=pk)
    if batch.can_retry:
        imports.import_batch_retry(batch=batch)
    else:
        messages.info(request, _("This import is not failed or stuck; there is nothing to retry."))
    return redirect("import_detail", pk=batch.pk)
