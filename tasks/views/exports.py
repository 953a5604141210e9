"""The register as an Excel annex (with the register's current filters), and the template."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from steering import authz
from steering.models import Agency
from tasks import exports
from tasks.filters import TaskFilter
from tasks.models import Assignment, Task


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def task_export(request):
    today = timezone.localdate()
    tasks = Task.objects.restrict(request.user)
    task_filter = TaskFilter(request.GET, queryset=tasks, request=request, today=today)
    if not task_filter.is_valid():
        return HttpResponseBadRequest(_("The filters are not valid."))
    # Of a task received from the committee above, only the own committee's assignment: the
    # other provinces' work on it is theirs (as on the task page and in the API).
    assignments = (
        Assignment.objects.restrict(request.user)
        .select_related("agency")
        .order_by("role", "agency__name")
    )
    results = task_filter.qs.select_related("parent").prefetch_related(
        Prefetch("assignments", queryset=assignments)
    )
    return _xlsx(exports.export_xlsx(results), f"nhiem-vu-{today:%Y%m%d}.xlsx")


def task_template(request):
    if not authz.has(request.user, authz.Capability.IMPORT_ANY, authz.Capability.IMPORT_OWN):
        raise PermissionDenied
    return _xlsx(
        exports.template_xlsx(Agency.objects.restrict(request.user, "use")),
        "mau-danh-muc-nhiem-vu.xlsx",
    )
