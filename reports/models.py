"""Summary reports of the committee: one row per requested report, updated by its Celery job."""

from django.conf import settings
from django.db import models
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from common.periods import Period
from jobs.models import Job, JobNote, JobStatus
from steering.authz import RestrictedQuerySet


class Report(Job):
    """Báo cáo — a summary report of one period, rendered to PDF, .xlsx and .docx by a job."""

    class Kind(models.TextChoices):
        QUARTERLY = "quarterly", _("Quarterly")
        SIX_MONTH = "six_month", _("Six-month")
        ANNUAL = "annual", _("Annual")
        CUSTOM = "custom", _("Custom date range")

    Status = JobStatus
    Note = JobNote

    committee = models.ForeignKey(
        "steering.Committee",
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    as_of = models.DateField(_("figures as of"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty for the reports generated automatically at the end of a period."),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    pages = models.PositiveSmallIntegerField(_("pages"), null=True, blank=True)
    # Private files: MEDIA_ROOT is never served; downloads go through reports.views.
    pdf = models.FileField(_("PDF"), upload_to="reports/%Y/", blank=True)
    xlsx = models.FileField(_("Excel workbook"), upload_to="reports/%Y/", blank=True)
    docx = models.FileField(_("Word document"), upload_to="reports/%Y/", blank=True)
    snapshot = models.JSONField(_("figures printed"), default=dict, blank=True)
    # Issuing (reports.services.report_issue): a draft until the secretariat gives it its number
    # and date; the job then renders the files once more from the snapshot, with the number,
    # stores their SHA-256 and they are frozen: never rendered again.
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    symbol = models.CharField(_("document symbol"), max_length=16, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_by = models.ForeignKey(
        "steering.Member",
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64, blank=True)
    xlsx_sha256 = models.CharField(_("Excel workbook SHA-256"), max_length=64, blank=True)
    docx_sha256 = models.CharField(_("Word document SHA-256"), max_length=64, blank=True)
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        help_text=_("The issued report this correction replaces."),
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["committee", "kind", "period_start"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="report_period_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="report_progress_max"
            ),
            # "Số 12-BC/BCĐ": one report 12 per committee, symbol and year.
            models.UniqueConstraint(
                "committee",
                "symbol",
                ExtractYear("issued_on"),
                "number",
                name="report_number_unique_per_year",
            ),
            models.CheckConstraint(
                condition=models.Q(number__isnull=True, issued_on__isnull=True)
                | models.Q(number__gte=1, issued_on__isnull=False),
                name="report_number_with_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.period_label}"

    @property
    def period(self) -> Period | None:
        """The quarter, half-year or year; None for a custom date range."""
        kinds = {
            self.Kind.QUARTERLY: ("quarter", 3),
            self.Kind.SIX_MONTH: ("half", 6),
            self.Kind.ANNUAL: ("year", 12),
        }
        if self.kind not in kinds:
            return None
        name, months = kinds[self.kind]
        number = (self.period_start.month - 1) // months + 1
        return Period(self.period_start, self.period_end, name, self.period_start.year, number)

    @property
    def period_label(self) -> str:
        """As pages and messages name it, in the active language: "quý III năm 2025" or
        "Q3 2025", "từ ngày 01/07/2025 đến ngày ..." (the PDF prints the Vietnamese label)."""
        period = self.period
        if period is not None:
            return period.label
        return _("from %(start)s to %(end)s") % {
            "start": f"{self.period_start:%d/%m/%Y}",
            "end": f"{self.period_end:%d/%m/%Y}",
        }

    @property
    def frozen(self) -> bool:
        """Issued and its files stored with their hashes: they never change again."""
        return bool(self.pdf_sha256)

    @property
    def can_retry(self) -> bool:
        """Never for an issued report: its files are not rendered again."""
        return not self.frozen and super().can_retry

    @property
    def issuing(self) -> bool:
        """Given its number, its issued files not rendered yet."""
        return self.number is not None and not self.frozen

    @property
    def replaced_by(self) -> "Report | None":
        """The issued correction that replaces this report (``issued_corrections`` when the
        list prefetched it)."""
        corrections = getattr(self, "issued_corrections", None)
        if corrections is None:
            corrections = list(self.corrections.exclude(pdf_sha256=""))
        return corrections[0] if corrections else None

    def issue_symbol(self) -> str:
        """The symbol its number takes: as printed in its snapshot, else the committee's."""
        symbol = self.snapshot.get("committee", {}).get("symbol")
        return symbol or self.committee.document_symbol

    def number_text(self) -> str:
        """ "Số 12-BC/BCĐ" or "Số: 12/BC-BCĐ", in the format the report was issued in."""
        from reports.letterhead import document_number

        return document_number(self.snapshot.get("committee", {}), self.number)

    def perform(self, beat) -> None:
        from reports.services import report_issue_render, report_render  # they import this

        if self.number is not None:
            report_issue_render(self, beat)
        else:
            report_render(self, beat)

    def after_done(self) -> None:
        if self.requested_by_id is None:
            from reports.services import notify_ready

            notify_ready(self)

    def file_stem(self) -> str:
        """ASCII file name without extension, e.g. "bao-cao-nq57-quy-3-2025"."""
        period = self.period
        if period is None:
            span = f"{self.period_start:%Y%m%d}-{self.period_end:%Y%m%d}"
        else:
            names = {"quarter": "quy", "half": "6-thang", "year": "nam"}
            span = f"{names[period.kind]}-{period.number}-{period.year}"
            if period.kind == "year":
                span = f"nam-{period.year}"
        return f"bao-cao-nq57-{span}"


def kind_of(period: Period) -> str:
    """The report kind for a period of common.periods."""
    return {
        "quarter": Report.Kind.QUARTERLY,
        "half": Report.Kind.SIX_MONTH,
        "year": Report.Kind.ANNUAL,
    }[period.kind]
