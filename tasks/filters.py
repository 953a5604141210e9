"""The register's filters: one FilterSet for the HTML list, the export and the API."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from common.forms import FastSelect, StyledForm
from steering.models import Agency, Committee
from tasks import selectors
from tasks.models import Assignment, Field, Level, Task
from tasks.status import Category, Status

SORTS = {
    "code": ("code",),
    "-code": ("-code",),
    "due": ("due_date", "code"),
    "-due": ("-due_date", "code"),
    "percent": ("percent", "code"),
    "-percent": ("-percent", "code"),
    "title": ("title",),
}


@extend_schema_field(OpenApiTypes.INT)
class AgencyFilter(django_filters.ModelChoiceFilter):
    """An agency by id (the API schema cannot tell that from the filter's method)."""


class TaskFilter(django_filters.FilterSet):
    """Filters of the register. ``category`` needs the timeliness annotation, which
    ``filter_queryset`` adds so every filter sees it."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=Status.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    category = django_filters.MultipleChoiceFilter(
        label=_("Timeliness"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,  # one row per task already; DISTINCT would sort every row twice
    )
    agency = AgencyFilter(
        label=_("Lead or coordinating agency"),
        queryset=Agency.objects.none(),
        method="filter_agency",
        widget=FastSelect,
    )
    field = django_filters.ChoiceFilter(label=_("Field"), choices=Field.choices, widget=FastSelect)
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Level.choices, widget=FastSelect)
    committee = django_filters.ModelChoiceFilter(
        label=_("Committee"), queryset=Committee.objects.none(), widget=FastSelect
    )
    due_from = django_filters.DateFilter(
        label=_("Due from"), field_name="due_date", lookup_expr="gte"
    )
    due_to = django_filters.DateFilter(label=_("Due to"), field_name="due_date", lookup_expr="lte")
    is_key = django_filters.BooleanFilter(
        label=_("Key tasks only"),
        widget=forms.CheckboxInput,
        method="filter_key",
    )
    due_soon = django_filters.BooleanFilter(
        label=_("Due within 3 days"), widget=forms.CheckboxInput, method="filter_due_soon"
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        empty_label=None,
        widget=FastSelect,
        choices=[
            ("code", _("Code")),
            ("-code", _("Code, descending")),
            ("due", _("Deadline, earliest first")),
            ("-due", _("Deadline, latest first")),
            ("percent", _("Least progress first")),
            ("-percent", _("Most progress first")),
            ("title", _("Title")),
        ],
        method="filter_sort",
    )

    class Meta:
        model = Task
        fields = []
        form = StyledForm

    def __init__(self, *args, today=None, **kwargs):
        self.today = today or timezone.localdate()
        super().__init__(*args, **kwargs)
        # Offer (and accept) only the committees and agencies the user may see.
        user = self.request.user if self.request else None
        committees = Committee.objects.none()
        agencies = Agency.objects.none()
        if user is not None:
            committees = Committee.objects.restrict(user, "filter")
            agencies = Agency.objects.restrict(user)
        self.filters["committee"].queryset = committees
        self.filters["agency"].queryset = agencies.only("id", "name")

    def filter_search(self, queryset, name, value):
        return selectors.search(queryset, value)

    def filter_agency(self, queryset, name, value):
        # EXISTS rather than a join: one row per task, so counts need no DISTINCT.
        return queryset.filter(Exists(Assignment.objects.filter(task=OuterRef("pk"), agency=value)))

    def filter_key(self, queryset, name, value):
        return queryset.filter(is_key=True) if value else queryset

    def filter_due_soon(self, queryset, name, value):
        return queryset.filter(due_soon=True) if value else queryset

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["code"]))

    def without_category(self):
        """The queryset with every filter but the category: what the category counts show."""
        saved = self.form.cleaned_data.pop("category", None)
        try:
            return super().filter_queryset(self.queryset.with_timeliness(self.today))
        finally:
            self.form.cleaned_data["category"] = saved

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset.with_timeliness(self.today))
