"""REST API of the committees: committees, agencies, members, meetings, documents, indicators
and their values (read; values recorded by whom the indicators page lets record), and the
roll-up export of a committee's register as of a period's end."""

from datetime import date

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from common.api.errors import from_django
from common.dates import DateAPIField
from common.periods import PERIOD_PATTERN, last_completed_quarter, parse_period
from steering import authz, services
from steering.api.base import RestrictedDetail, RestrictedList
from steering.api.rollup import rollup
from steering.api.serializers import (
    AgencySerializer,
    CommitteeSerializer,
    DocumentSerializer,
    IndicatorSerializer,
    IndicatorValueInputSerializer,
    IndicatorValueSerializer,
    MeetingSerializer,
    MemberSerializer,
    RollupSerializer,
)
from steering.models import Agency, Committee, Document, Indicator, IndicatorValue, Meeting, Member
from tasks.models import Task


class CommitteeList(RestrictedList):
    model = Committee
    serializer_class = CommitteeSerializer
    ordering_fields = ["id", "name"]


class CommitteeDetail(RestrictedDetail):
    model = Committee
    serializer_class = CommitteeSerializer


class AgencyList(RestrictedList):
    model = Agency
    serializer_class = AgencySerializer
    ordering_fields = ["id", "name", "short_name"]


class AgencyDetail(RestrictedDetail):
    model = Agency
    serializer_class = AgencySerializer


class MemberList(RestrictedList):
    model = Member
    serializer_class = MemberSerializer
    ordering_fields = ["id", "full_name"]


class MeetingList(RestrictedList):
    model = Meeting
    serializer_class = MeetingSerializer
    ordering_fields = ["id", "held_on", "title"]


class MeetingDetail(RestrictedDetail):
    model = Meeting
    serializer_class = MeetingSerializer


class DocumentList(RestrictedList):
    model = Document
    serializer_class = DocumentSerializer
    ordering_fields = ["id", "issued_on", "number"]


class DocumentDetail(RestrictedDetail):
    model = Document
    serializer_class = DocumentSerializer


class IndicatorList(RestrictedList):
    model = Indicator
    serializer_class = IndicatorSerializer
    ordering_fields = ["id", "code"]


class IndicatorDetail(RestrictedDetail):
    model = Indicator
    serializer_class = IndicatorSerializer


class IndicatorValueList(RestrictedList):
    """The values recorded for an indicator; POST records (or corrects) one, as the indicators
    page does, for who may record it (403 otherwise)."""

    model = IndicatorValue
    serializer_class = IndicatorValueSerializer
    ordering = ("-period_end",)
    ordering_fields = ["period_end"]

    def get_queryset(self):
        indicator = get_object_or_404(
            Indicator.objects.restrict(self.request.user), pk=self.kwargs["pk"]
        )
        return super().get_queryset().filter(indicator=indicator)

    @extend_schema(request=IndicatorValueInputSerializer, responses={201: IndicatorValueSerializer})
    def post(self, request, pk: int):
        # As the page: 403 without the capability, 404 for an indicator not the user's to record.
        if not authz.has(
            request.user,
            authz.Capability.RECORD_INDICATORS,
            authz.Capability.RECORD_ANY_INDICATOR,
        ):
            raise PermissionDenied
        indicator = get_object_or_404(Indicator.objects.restrict(request.user, "record"), pk=pk)
        data = IndicatorValueInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            value = services.indicator_value_record(
                indicator=indicator, user=request.user, **data.validated_data
            )
        except ValidationError as exc:
            raise from_django(exc) from exc
        return Response(IndicatorValueSerializer(value).data, status=status.HTTP_201_CREATED)


class RollupQuerySerializer(serializers.Serializer):
    period = serializers.RegexField(
        PERIOD_PATTERN,
        required=False,
        max_length=7,
        help_text="2025-Q3, 2025-H1 or 2025: figures as of its last day (default: the last "
        "completed quarter).",
        error_messages={"invalid": _("Write the period as 2025-Q3, 2025-H1 or 2025.")},
    )
    as_of = DateAPIField(required=False, help_text="Or: figures as of this day.")


def _day_of(params) -> tuple[date, date | None]:
    """(the as-of day, the period's first day) from ``?period=`` or ``?as_of=``; without
    either, the last completed quarter (the report the committee last discussed)."""
    query = RollupQuerySerializer(data=params)
    query.is_valid(raise_exception=True)
    if "period" in query.validated_data:
        period = parse_period(query.validated_data["period"])
    elif "as_of" in query.validated_data:
        return query.validated_data["as_of"], None
    else:
        period = last_completed_quarter(timezone.localdate())
    return period.end, period.start


@extend_schema(parameters=[RollupQuerySerializer], responses={200: RollupSerializer})
class CommitteeRollup(RestrictedDetail):
    """The committee's register as it stood at the end of the period (or ``as_of``): each task
    with its category replayed from the progress log, its assignments and the indicators; the
    same figures as the period's report."""

    model = Committee
    serializer_class = RollupSerializer

    def retrieve(self, request, *args, **kwargs):
        committee = self.get_object()
        day, start = _day_of(request.query_params)
        document = rollup(committee, Task.objects.restrict(request.user), day, start)
        return Response(RollupSerializer(document).data)
