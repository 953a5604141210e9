"""Filters of the commune list; they work on a queryset annotated by ``selectors.with_money``."""

import django_filters
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from common.forms import FastSelect, StyledForm
from common.text import fold
from communes.models import Commune
from communes.workflow import Status

MONEY = {
    "requested": Q(requested__gt=0),
    "approved": Q(approved__gt=0),
    "allocated": Q(allocated__gt=0),
    "disbursed": Q(disbursed__gt=0),
    "none": Q(requested=0),
}

# Survey gaps, judged on the latest survey.
GAPS = {
    "no_survey": Q(latest_survey__isnull=True),
    "centre_not_ready": Q(latest_survey__service_centre_ready=False),
    "no_lan": Q(latest_survey__has_lan=False),
    "old_computers": Q(latest_survey__computers_over_5_years__gt=F("latest_survey__computers") / 2),
    "slow_internet": Q(latest_survey__bandwidth_mbps__lt=50),
    "no_trained_staff": Q(latest_survey__trained_staff=0),
}

SORTS = {
    "name": ("name",),
    "-requested": ("-requested", "name"),
    "-allocated": ("-allocated", "name"),
    "-disbursed": ("-disbursed", "name"),
}


class CommuneFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="filter_name")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Commune.Kind.choices, widget=FastSelect
    )
    money = django_filters.ChoiceFilter(
        label=_("Money"),
        method="filter_money",
        widget=FastSelect,
        choices=[
            ("requested", _("Has requested funds")),
            ("approved", _("Has an approved amount")),
            ("allocated", _("Has been allocated funds")),
            ("disbursed", _("Has received payments")),
            ("none", _("Has not requested anything")),
        ],
    )
    status = django_filters.ChoiceFilter(
        label=_("Has a request that is"),
        choices=Status.choices,
        method="filter_status",
        widget=FastSelect,
    )
    gap = django_filters.ChoiceFilter(
        label=_("Survey gap"),
        method="filter_gap",
        widget=FastSelect,
        choices=[
            ("centre_not_ready", _("Service centre not equipped")),
            ("no_lan", _("No local network")),
            ("old_computers", _("Most computers older than 5 years")),
            ("slow_internet", _("Internet under 50 Mbit/s")),
            ("no_trained_staff", _("No staff trained in digital skills")),
            ("no_survey", _("Not surveyed yet")),
        ],
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="filter_sort",
        empty_label=None,
        widget=FastSelect,
        choices=[
            ("name", _("Name")),
            ("-requested", _("Most requested first")),
            ("-allocated", _("Most allocated first")),
            ("-disbursed", _("Most disbursed first")),
        ],
    )

    class Meta:
        model = Commune
        fields = []
        form = StyledForm

    def __init__(self, *args, requests, **kwargs):
        super().__init__(*args, **kwargs)
        self.requests = requests  # the requests the user may see: drafts stay private

    def filter_name(self, queryset, name, value):
        for word in fold(value).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def filter_money(self, queryset, name, value):
        return queryset.filter(MONEY[value])

    def filter_status(self, queryset, name, value):
        return queryset.filter(Exists(self.requests.filter(commune=OuterRef("pk"), status=value)))

    def filter_gap(self, queryset, name, value):
        return queryset.filter(GAPS[value])

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS[value])
