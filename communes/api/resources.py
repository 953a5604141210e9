"""REST API of the communes' data as the pages show it: communes, their surveys, funding
programmes, allocations and disbursements (read, by role: the same capabilities the pages ask
and the rows ``steering.authz`` gives). Requests and their workflow are in ``views.py``."""

from django.shortcuts import get_object_or_404
from rest_framework import serializers

from communes.api.serializers import AllocationSerializer, DisbursementSerializer
from communes.models import Allocation, Commune, Disbursement, FundingProgramme, Survey
from steering.api.base import RestrictedDetail, RestrictedList
from steering.authz import Capability

READERS = (Capability.VIEW_COMMUNES, Capability.FILE_REQUESTS)  # the communes page's


class CommuneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Commune
        fields = ["id", "committee", "code", "name", "kind", "province_code", "agency"]


class SurveySerializer(serializers.ModelSerializer):
    class Meta:
        model = Survey
        fields = [
            "id",
            "commune",
            "surveyed_on",
            "computers",
            "computers_over_5_years",
            "scanners",
            "printers",
            "bandwidth_mbps",
            "has_lan",
            "cameras",
            "service_centre_ready",
            "trained_staff",
            "notes",
        ]


class ProgrammeSerializer(serializers.ModelSerializer):
    class Meta:
        model = FundingProgramme
        fields = ["id", "committee", "name", "decision_number", "fiscal_year", "total"]


class CommuneList(RestrictedList):
    model = Commune
    serializer_class = CommuneSerializer
    required = READERS
    ordering = ("name", "id")
    ordering_fields = ["name", "code"]


class CommuneDetail(RestrictedDetail):
    """A commune (outside the user's scope, as on the page: 404)."""

    model = Commune
    serializer_class = CommuneSerializer


class SurveyList(RestrictedList):
    """The commune's surveys, newest first."""

    model = Survey
    serializer_class = SurveySerializer
    ordering = ("-surveyed_on",)
    ordering_fields = ["surveyed_on"]

    def get_queryset(self):
        commune = get_object_or_404(
            Commune.objects.restrict(self.request.user), pk=self.kwargs["pk"]
        )
        return super().get_queryset().filter(commune=commune)


class ProgrammeList(RestrictedList):
    model = FundingProgramme
    serializer_class = ProgrammeSerializer
    required = (Capability.VIEW_COMMUNES,)
    ordering_fields = ["fiscal_year", "name"]


class ProgrammeDetail(RestrictedDetail):
    model = FundingProgramme
    serializer_class = ProgrammeSerializer
    required = (Capability.VIEW_COMMUNES,)


class AllocationList(RestrictedList):
    """Allocations of the requests the user sees."""

    model = Allocation
    serializer_class = AllocationSerializer
    required = READERS
    ordering_fields = ["decided_on", "amount"]


class DisbursementList(RestrictedList):
    """Payments from the allocations of the requests the user sees."""

    model = Disbursement
    serializer_class = DisbursementSerializer
    required = READERS
    ordering_fields = ["paid_on", "amount"]
