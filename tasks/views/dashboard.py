"""Home pages: the dashboard for secretariat and leaders, the agency page for officers."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from common.charts import Bar, Series, bar_chart, column_chart
from steering import authz
from steering.views import committee_overview
from tasks import selectors
from tasks.models import Task
from tasks.status import CATEGORY_COLORS, Category
from tasks.views.progress import my_agency


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
        return redirect("communes:finance_queue")
    return committee_overview(request)


@authz.capability_required(authz.Capability.VIEW_ALL)
def dashboard(request):
    """The committee's own register in figures, the work the committee above gave it, and the
    league table of the committees below it (rolled up over their subtrees)."""
    today = timezone.localdate()
    visible = Task.objects.restrict(request.user)
    committee = authz.committee_of(request.user)
    tasks = visible.filter(committee=committee) if committee else visible
    summary = selectors.category_summary(tasks, today)
    fields = selectors.by_field(tasks)
    key_summary, key_overdue = selectors.key_tasks(tasks, today)
    points = selectors.trend(tasks, today)
    completed = CATEGORY_COLORS[Category.COMPLETED_ON_TIME]
    overdue = CATEGORY_COLORS[Category.NOT_STARTED_OVERDUE]
    trend_chart = column_chart(
        [day.strftime("%d/%m" if day == today else "%m/%Y") for day, *_ in points],
        [
            Series(_("Completed"), [point[1] for point in points], completed),
            Series(_("Overdue"), [point[2] for point in points], overdue),
        ],
        _("Completed and overdue tasks at the end of each month"),
    )
    sort = request.GET.get("sort", "overdue")
    agencies = selectors.agency_table(tasks, today, sort=sort)
    league_sort = request.GET.get("league_sort", "overdue")
    league = selectors.committee_league(committee, visible, today, league_sort) if committee else []
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
            "committee": committee,
            "summary": summary,
            "received": selectors.received_summary(committee, today) if committee else None,
            "league": league,
            "league_sort": league_sort,
            # The figures' links open the register on the same tasks: the committee's own.
            "register_url": reverse("task_list")
            + (f"?committee={committee.pk}&" if committee else "?"),
            "fields": fields,
            "key_summary": key_summary,
            "key_overdue": key_overdue,
            "agencies": agencies,
            "sort": sort,
            # Built from escaped text by common.charts.
            "category_chart": mark_safe(category_chart),  # noqa: S308
            "field_chart": mark_safe(field_chart),  # noqa: S308
            "trend_chart": mark_safe(trend_chart),  # noqa: S308
        },
    )
