"""Funding programmes: total, allocated, disbursed and remaining, by commune, with a chart."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from common.charts import Bar, bar_chart
from communes import selectors
from communes.models import Commune, FundingProgramme
from steering import authz

CHART_ROWS = 15
MILLION = 1_000_000


def _readable(request) -> None:
    if not authz.has(request.user, authz.Capability.VIEW_COMMUNES):
        raise PermissionDenied


def programme_list(request):
    _readable(request)
    programmes = [
        (programme, selectors.programme_figures(programme))
        for programme in FundingProgramme.objects.restrict(request.user).select_related(
            "managing_agency"
        )
    ]
    return render(request, "communes/programme_list.html", {"programmes": programmes})


def programme_detail(request, pk: int):
    _readable(request)
    programme = get_object_or_404(
        FundingProgramme.objects.restrict(request.user).select_related("managing_agency"), pk=pk
    )
    figures = selectors.programme_figures(programme)
    rows = selectors.programme_by_commune(
        programme, communes=Commune.objects.restrict(request.user)
    )
    # The chart's values are in millions of đồng: whole numbers a reader can compare.
    chart = bar_chart(
        [Bar(row["name"], row["allocated"] // MILLION) for row in rows[:CHART_ROWS]],
        title=_("Largest allocations (million VND)"),
    )
    return render(
        request,
        "communes/programme_detail.html",
        {
            "programme": programme,
            "figures": figures,
            "rows": rows,
            "chart": mark_safe(chart),  # built from escaped text by common.charts
            "chart_rows": min(len(rows), CHART_ROWS),
        },
    )
