"""Every write to a report: request, send to the queue, generate, retry, expire.

The request only creates the row and sends it to the queue once the transaction commits; the
Celery job (``reports.jobs``) calls ``report_generate``, which updates the row as it goes so the
page can show progress.
"""

import logging
import os
import socket
from datetime import date, timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from common.periods import half_year, quarter_of
from reports.models import Report, kind_of
from reports.pdf import render_pdf
from reports.selectors import report_figures
from reports.workbook import render_xlsx
from steering import authz
from steering.models import Committee
from tasks.models import Task

logger = logging.getLogger(__name__)

# Database hiccups are worth retrying (the job retries them); anything else fails the report.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
MAX_ATTEMPTS = 3
SOFT_TIME_LIMIT = 5 * 60  # seconds; the bench's largest report takes well under one minute
TIME_LIMIT = 6 * 60
# A report still "running" this long after it started has lost its worker.
STALE_AFTER = timedelta(seconds=TIME_LIMIT + 60)
# A queued report not sent after this long is sent again by the sweep.
RESEND_AFTER = timedelta(minutes=2)


def report_request(*, committee: Committee, kind: str, start: date, end: date, user) -> Report:
    """Record the request and send it to the queue once the transaction commits."""
    authz.ensure(user, "report", committee)
    with transaction.atomic():
        report = Report.objects.create(
            committee=committee,
            kind=kind,
            period_start=start,
            period_end=end,
            as_of=end,
            requested_by=user,
        )
        transaction.on_commit(lambda: report_send(report.pk))
    report.refresh_from_db()
    return report


def report_send(report_id: int) -> bool:
    """Put the report on the queue; when the broker is down, keep it queued with a note."""
    from reports.jobs import report_render  # the job module imports this one

    Report.objects.filter(pk=report_id).update(enqueued_at=timezone.now(), note="")
    try:
        report_render.delay(report_id)
    except BrokerError:
        logger.warning("Report %s: the queue is unavailable, kept for later", report_id)
        Report.objects.filter(pk=report_id, status=Report.Status.QUEUED).update(
            enqueued_at=None, note=Report.Note.QUEUE_UNAVAILABLE
        )
        return False
    return True


def report_retry(*, report: Report) -> Report:
    """Queue a failed (or never sent) report again, from a clean slate."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.status == Report.Status.FAILED or (
            locked.status == Report.Status.QUEUED and locked.enqueued_at is None
        ):
            locked.status = Report.Status.QUEUED
            locked.progress = locked.attempts = 0
            locked.error = locked.note = ""
            locked.started_at = locked.finished_at = None
            locked.save()
            transaction.on_commit(lambda: report_send(locked.pk))
    locked.refresh_from_db()
    return locked


def _start(report_id: int) -> Report | None:
    """Mark the report running; None when there is nothing (more) to do."""
    with transaction.atomic():
        # The lock closes the race between a redelivered message and the sweep or a retry.
        report = Report.objects.select_for_update().get(pk=report_id)
        if report.status == Report.Status.DONE:
            return None  # a message delivered again after the report was finished
        if report.attempts >= MAX_ATTEMPTS:
            # Each attempt that killed its worker came back here: stop instead of looping.
            _fail(report, note=Report.Note.WORKER_LOST)
            return None
        report.status = Report.Status.RUNNING
        report.attempts += 1
        report.progress = 5
        report.started_at = timezone.now()
        report.finished_at = None
        report.error = report.note = ""
        report.worker = f"{socket.gethostname()}:{os.getpid()}"
        report.save()
        return report


def _progress(report: Report, percent: int) -> None:
    Report.objects.filter(pk=report.pk).update(progress=percent)


def _fail(report: Report, *, error: str = "", note: str = "") -> None:
    report.status = Report.Status.FAILED
    report.error, report.note = error, note
    report.finished_at = timezone.now()
    report.save(update_fields=["status", "error", "note", "finished_at"])


def report_generate(report_id: int) -> None:
    """Compute the figures as of the period end, render the PDF and the workbook, store them.

    Transient database errors propagate (the job retries them); any other error fails the
    report with the error recorded, and the secretariat can retry it.
    """
    report = _start(report_id)
    if report is None:
        return
    generated_at = timezone.now()
    try:
        with translation.override("vi"):
            snapshot = report_figures(report, today=timezone.localdate(generated_at))
        snapshot["generated_at"] = generated_at.isoformat()
        _progress(report, 40)
        pdf, pages = render_pdf(snapshot, generated_at)
        _progress(report, 85)
        xlsx = render_xlsx(snapshot)
    except TRANSIENT_ERRORS:
        raise
    except SoftTimeLimitExceeded:
        _fail(report, note=Report.Note.TIMED_OUT)
        return
    except Exception as exc:
        logger.exception("Report %s failed", report_id)
        _fail(report, error=f"{type(exc).__name__}: {exc}")
        return
    stem = report.file_stem()
    report.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    report.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
    report.snapshot, report.pages = snapshot, pages
    report.status, report.progress = Report.Status.DONE, 100
    report.finished_at = timezone.now()
    report.save()
    if report.requested_by_id is None:
        notify_ready(report)


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


def reports_sweep() -> tuple[int, int]:
    """Fail reports whose worker was lost; send again the ones the queue refused.

    Returns (failed, sent). Runs every few minutes from Celery beat.
    """
    now = timezone.now()
    stale = Report.objects.filter(status=Report.Status.RUNNING, started_at__lt=now - STALE_AFTER)
    failed = stale.update(status=Report.Status.FAILED, note=Report.Note.TIMED_OUT, finished_at=now)
    unsent = Report.objects.filter(
        Q(enqueued_at__isnull=True) | Q(note=Report.Note.QUEUE_UNAVAILABLE),
        status=Report.Status.QUEUED,
        requested_at__lt=now - RESEND_AFTER,
    ).values_list("pk", flat=True)
    sent = sum(report_send(pk) for pk in list(unsent))
    return failed, sent


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
                    created.append(report)
                    transaction.on_commit(lambda pk=report.pk: report_send(pk))
    return created
