"""Home pages: the dashboard for secretariat and leaders, the agency page for officers."""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from common.charts import Bar, bar_chart
from steering import authz
from steering.views import committee_overview
from tasks import selectors
from tasks.models import Task
from tasks.status import Category
from tasks.views.progress import my_agency

CATEGORY_COLORS = {
    Category.COMPLETED_ON_TIME: "#1e7b34",
    Category.COMPLETED_LATE: "#5c8a2e",
    Category.IN_PROGRESS_ON_TIME: "#0b5ed7",
    Category.IN_PROGRESS_OVERDUE: "#b35c00",
    Category.NOT_STARTED_ON_TIME: "#6c757d",
    Category.NOT_STARTED_OVERDUE: "#a4161a",
    Category.NO_DEADLINE: "#6f42c1",
    Category.CANCELLED: "#adb5bd",
}


def home(request):
    """Each role lands on the page of its daily work."""
    user = request.user
    if authz.has(user, authz.Capability.VIEW_ALL):
        return dashboard(request)
    if authz.has(user, authz.Capability.REPORT_PROGRESS):
        return my_agency(request)
    if authz.has(user, authz.Capability.REVIEW_REQUESTS):
        return redirect("communes:review_queue")
    if authz.has(user, authz.Capability.HANDLE_MONEY):
        return redirect("communes:programme_list")
    return committee_overview(request)


def dashboard(request):
    today = timezone.localdate()
    tasks = Task.objects.restrict(request.user)
    summary = selectors.category_summary(tasks, today)
    fields = selectors.by_field(tasks)
    sort = request.GET.get("sort", "overdue")
    agencies = selectors.agency_table(tasks, today, sort=sort)
    category_chart = bar_chart(
        [
            Bar(label, count, CATEGORY_COLORS[Category(value)])
            for value, label, count in summary.rows()
        ],
        _("Tasks by category"),
    )
    field_chart = bar_chart(
        [Bar(row["label"], row["total"]) for row in fields], _("Tasks by field")
    )
    return render(
        request,
        "tasks/dashboard.html",
        {
            "today": today,
            "summary": summary,
            "fields": fields,
            "agencies": agencies,
            "sort": sort,
            # Built from escaped text by common.charts.
            "category_chart": mark_safe(category_chart),  # noqa: S308
            "field_chart": mark_safe(field_chart),  # noqa: S308
        },
    )
