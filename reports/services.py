"""Every write to a report: request, render, retry, the period-end reports.

A report is a long job (``jobs.services`` owns its lifecycle): the request creates the row and
queues it once the transaction commits; the worker calls ``Report.perform``, which renders here.
"""

import logging
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.periods import half_year, quarter_of
from jobs.services import job_enqueue, job_retry
from reports.docx import render_docx
from reports.letterhead import committee_settings
from reports.models import Report, kind_of
from reports.pdf import render_pdf
from reports.selectors import report_figures
from reports.workbook import render_xlsx
from steering import authz
from steering.models import Committee
from tasks.models import Task

logger = logging.getLogger(__name__)


def report_request(*, committee: Committee, kind: str, start: date, end: date, user) -> Report:
    """Record the request and send it to the queue once the transaction commits."""
    authz.ensure(user, "report", committee)
    with transaction.atomic():
        report = Report(
            committee=committee,
            kind=kind,
            period_start=start,
            period_end=end,
            as_of=end,
            requested_by=user,
        )
        job_enqueue(report)
    report.refresh_from_db()
    return report


def report_retry(*, report: Report) -> Report:
    """Queue a failed (or stuck) report again, from a clean slate."""
    return job_retry(report)


def report_render(report: Report, beat) -> None:
    """Compute the figures as of the period end, render the PDF, the workbook and the .docx,
    store them."""
    generated_at = timezone.now()
    with translation.override("vi"):
        snapshot = report_figures(report, today=timezone.localdate(generated_at))
    snapshot["committee"].update(committee_settings(report.committee))
    snapshot["generated_at"] = generated_at.isoformat()
    beat(40)
    pdf, pages = render_pdf(snapshot, generated_at)
    beat(85)
    xlsx = render_xlsx(snapshot)
    docx = render_docx(snapshot)
    stem = report.file_stem()
    report.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    report.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
    report.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
    report.snapshot, report.pages = snapshot, pages
    report.save(update_fields=["pdf", "xlsx", "docx", "snapshot", "pages"])


def notify_ready(report: Report) -> None:
    """Email the committee's secretariat that an automatic report is ready."""
    users = authz.holders(authz.Capability.REQUEST_REPORTS, committee=report.committee).exclude(
        email=""
    )
    recipients = sorted(set(users.values_list("email", flat=True)))
    if not recipients:
        return
    with translation.override("vi"):
        subject = _("The %(period)s report is ready") % {"period": report.period_label}
        body = _(
            "The %(report)s report of %(committee)s (figures as of %(day)s) has been generated. "
            "Download the PDF and the Excel workbook on the Reports page of the portal."
        ) % {
            "report": report.period_label,
            "committee": report.committee,
            "day": f"{report.as_of:%d/%m/%Y}",
        }
    try:
        send_mail(subject, body, None, recipients)
    except OSError:  # SMTP errors are OSErrors; the report itself is done and listed
        logger.exception("Report %s: could not email the secretariat", report.pk)


def period_end_reports(today: date) -> list[Report]:
    """The reports of the quarter and half-year that ended yesterday, for every committee
    that keeps a register (run by Celery beat on the 1st of January, April, July, October)."""
    yesterday = today - timedelta(days=1)
    periods = [quarter_of(yesterday)]
    half = half_year(yesterday.year, 1 if yesterday.month <= 6 else 2)
    periods.append(half)
    periods = [period for period in periods if period.end == yesterday]
    committees = Committee.objects.filter(pk__in=Task.objects.values("committee_id").distinct())
    created = []
    with transaction.atomic():
        for committee in committees:
            for period in periods:
                report, new = Report.objects.get_or_create(
                    committee=committee,
                    kind=kind_of(period),
                    period_start=period.start,
                    period_end=period.end,
                    requested_by=None,
                    defaults={"as_of": period.end},
                )
                if new:
                    job_enqueue(report)
                    created.append(report)
    return created
