"""REST API of the reports: request one (a job: 202 with its status URL), poll its status and
progress, download each format once done. The same checks as the reports page: readers of
reports list and download them (``reports.views.readers_only``), who may request them
requests them, for the committees the page offers, with the page's form."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from common.dates import DateAPIField
from common.files import private_download
from common.periods import PERIOD_PATTERN, parse_period
from reports import services
from reports.forms import CUSTOM, ReportRequestForm
from reports.models import Report, kind_of
from reports.views import CONTENT_TYPES
from steering import authz
from steering.api.base import RestrictedDetail, RestrictedList, form_errors
from steering.models import Committee

FORMATS = tuple(CONTENT_TYPES)


class ReportSerializer(serializers.ModelSerializer):
    files = serializers.SerializerMethodField(
        help_text="The download URL of each format once the report is done (else empty)."
    )
    status_url = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "committee",
            "kind",
            "period_start",
            "period_end",
            "as_of",
            "status",
            "progress",
            "note",
            "error",
            "requested_at",
            "finished_at",
            "pages",
            "status_url",
            "files",
        ]

    def _url(self, name: str, **kwargs) -> str:
        url = reverse(name, kwargs=kwargs)
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    def get_status_url(self, report) -> str:
        return self._url("api_report_detail", pk=report.pk)

    def get_files(self, report) -> dict[str, str]:
        if report.status != Report.Status.DONE:
            return {}
        return {
            fmt: self._url("api_report_download", pk=report.pk, fmt=fmt)
            for fmt in FORMATS
            if getattr(report, fmt)
        }


class ReportRequestSerializer(serializers.Serializer):
    """A period that has ended ("2025-Q3", "2025-H1", "2025"), or ``start`` and ``end`` of a
    custom range; the committee is the user's own unless given (one the page offers)."""

    committee = serializers.IntegerField(min_value=1, required=False)
    period = serializers.RegexField(PERIOD_PATTERN, required=False, max_length=7)
    start = DateAPIField(required=False)
    end = DateAPIField(required=False)


class ReportList(RestrictedList):
    """The reports of the committees the user reads, newest first. POST requests one."""

    model = Report
    serializer_class = ReportSerializer
    required = (authz.Capability.VIEW_REPORTS,)
    ordering = ("-requested_at", "-id")
    ordering_fields = ["requested_at", "period_end"]

    @extend_schema(request=ReportRequestSerializer, responses={202: ReportSerializer})
    def post(self, request):
        if not authz.has(request.user, authz.Capability.REQUEST_REPORTS):
            raise DjangoPermissionDenied
        values = ReportRequestSerializer(data=request.data)
        values.is_valid(raise_exception=True)
        data = values.validated_data
        if "period" in data:
            period = parse_period(data["period"])
            choice = f"{kind_of(period)}:{period.start.isoformat()}"
        else:
            choice = CUSTOM
        committees = Committee.objects.restrict(request.user, "report")
        form = ReportRequestForm(
            {
                "committee": data.get("committee", authz.committee_id_of(request.user)),
                "period": choice,
                "start": data.get("start", ""),
                "end": data.get("end", ""),
            },
            committees=committees,
            today=timezone.localdate(),
        )
        if not form.is_valid():
            raise form_errors(form)
        cleaned = form.cleaned_data
        report = services.report_request(
            committee=cleaned["committee"],
            kind=cleaned["kind"],
            start=cleaned["start"],
            end=cleaned["end"],
            user=request.user,
        )
        body = ReportSerializer(report, context={"request": request}).data
        return Response(
            body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["status_url"]}
        )


class ReportDetail(RestrictedDetail):
    """A report's status (queued, running, done, failed) and progress; poll it until done."""

    model = Report
    serializer_class = ReportSerializer
    required = (authz.Capability.VIEW_REPORTS,)


class FileRenderer(BaseRenderer):
    """Lets a client ask for the file's own type (Accept: application/pdf); the file itself is
    a FileResponse, errors stay JSON."""

    media_type = "*/*"
    format = "file"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return JSONRenderer().render(data)


@extend_schema(
    responses={
        (200, content_type): OpenApiResponse(OpenApiTypes.BINARY, description=f".{fmt} file")
        for fmt, content_type in CONTENT_TYPES.items()
    }
)
class ReportDownload(APIView):
    """The report's file in the format asked (pdf, xlsx, docx); 404 until the report is done."""

    renderer_classes = [JSONRenderer, FileRenderer]

    def get(self, request, pk: int, fmt: str):
        if not authz.has(request.user, authz.Capability.VIEW_REPORTS):
            raise DjangoPermissionDenied
        report = get_object_or_404(
            Report.objects.restrict(request.user), pk=pk, status=Report.Status.DONE
        )
        return private_download(
            getattr(report, fmt), f"{report.file_stem()}.{fmt}", CONTENT_TYPES[fmt]
        )
