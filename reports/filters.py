import django_filters
from django.utils.translation import gettext_lazy as _

from common.forms import StyledForm
from reports.models import Report


class ReportFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Report.Kind.choices)
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="period_start__year", min_value=2000, max_value=2100
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Report.Status.choices)

    class Meta:
        model = Report
        fields = ["kind", "year", "status"]
        form = StyledForm
