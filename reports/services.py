"""Every write to a report: request, render, retry, the period-end reports.

A report is a long job (``jobs.services`` owns its lifecycle): the request creates the row and
queues it once the transaction commits; the worker calls ``Report.perform``, which renders here.
"""

import hashlib
import logging
from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.periods import half_year, quarter_of
from jobs.services import JobRefused, job_enqueue, job_retry
from reports.docx import render_docx
from reports.letterhead import committee_settings, issued, signer_row
from reports.models import Report, kind_of
from reports.pdf import render_pdf
from reports.selectors import report_figures
from reports.workbook import render_xlsx
from steering import authz
from steering.models import Committee, Member
from tasks.models import Task

logger = logging.getLogger(__name__)
FORMATS = ("pdf", "xlsx", "docx")


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


class ReportFrozen(JobRefused):
    """An issued report's files are never rendered again."""


def refuse_if_issued(report: Report) -> None:
    """The guard of every path that renders a report's files: an issued report's are frozen."""
    if report.frozen:
        raise ReportFrozen(_("This report has been issued; its files never change."))


def _store(report: Report, stem: str, snapshot: dict, generated_at, beat) -> dict[str, bytes]:
    """Render the three files of ``snapshot`` and attach them to the report (not saved)."""
    pdf, pages = render_pdf(snapshot, generated_at)
    beat(85)
    files = {"pdf": pdf, "xlsx": render_xlsx(snapshot), "docx": render_docx(snapshot)}
    for fmt, content in files.items():
        getattr(report, fmt).save(f"{stem}.{fmt}", ContentFile(content), save=False)
    report.pages = pages
    return files


def report_render(report: Report, beat) -> None:
    """Compute the figures as of the period end, render the PDF, the workbook and the .docx,
    store them (a draft: no number yet)."""
    refuse_if_issued(report)
    if report.number is not None:
        raise ReportFrozen(_("This report is being issued; its figures are not computed again."))
    generated_at = timezone.now()
    with translation.override("vi"):
        snapshot = report_figures(report, today=timezone.localdate(generated_at))
    snapshot["committee"].update(committee_settings(report.committee))
    snapshot["generated_at"] = generated_at.isoformat()
    if report.replaces_id:
        snapshot["replaces"] = replaced_text(report.replaces)
    beat(40)
    report.snapshot = snapshot
    _store(report, report.file_stem(), snapshot, generated_at, beat)
    report.save(update_fields=["pdf", "xlsx", "docx", "snapshot", "pages"])


def replaced_text(old: Report) -> str:
    """How a correction names the report it replaces: "Số 12-BC/BCĐ ngày 05/10/2025"."""
    return f"{old.number_text()} ngày {old.issued_on:%d/%m/%Y}"


def report_issue(
    *, report: Report, number: int, issued_on: date, signer: Member | None, user
) -> Report:
    """Give a draft its number and date and queue the job that renders its issued files from
    the stored snapshot (``report_issue_render``). The secretariat of the report's own
    committee only; the number is unique per committee, symbol and year (the constraint)."""
    authz.ensure(user, "issue", report)
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.number is not None or locked.status != Report.Status.DONE:
            raise ReportFrozen(_("Only a finished draft can be issued."))
        locked.number, locked.issued_on = number, issued_on
        locked.symbol = locked.issue_symbol()
        locked.issued_by, locked.signed_by = user, signer
        job_enqueue(locked)
    locked.refresh_from_db()
    return locked


def report_issue_render(report: Report, beat) -> None:
    """Render the issued files once, from the stored snapshot with the number, date and signer
    in the header; store them with their SHA-256: from then on they are frozen."""
    refuse_if_issued(report)
    signer = signer_row(report.signed_by) if report.signed_by else None
    snapshot = issued(report.snapshot, report.number, report.issued_on, signer)
    generated_at = datetime.fromisoformat(report.snapshot["generated_at"])
    beat(20)
    drafts = [getattr(report, fmt).name for fmt in FORMATS]
    stem = f"{report.file_stem()}-so-{report.number}"
    files = _store(report, stem, snapshot, generated_at, beat)
    for fmt, content in files.items():
        setattr(report, f"{fmt}_sha256", hashlib.sha256(content).hexdigest())
    hashes = [f"{fmt}_sha256" for fmt in FORMATS]
    report.save(update_fields=["pdf", "xlsx", "docx", "pages", *hashes])
    for name in drafts:  # the draft's files, replaced by the issued ones
        if name:
            report.pdf.storage.delete(name)


def report_correct(*, report: Report, user) -> Report:
    """A correction of an issued report: a new draft of the same period naming the one it
    replaces; issued in its turn, it marks the old one replaced. A correction already being
    prepared is returned instead of a second one."""
    authz.ensure(user, "issue", report)
    if not report.frozen:
        raise ReportFrozen(_("Only an issued report can be corrected."))
    pending = report.corrections.filter(pdf_sha256="").first()
    if pending is not None:
        return pending
    with transaction.atomic():
        correction = Report(
            committee=report.committee,
            kind=report.kind,
            period_start=report.period_start,
            period_end=report.period_end,
            as_of=report.as_of,
            requested_by=user,
            replaces=report,
        )
        job_enqueue(correction)
    correction.refresh_from_db()
    return correction


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
