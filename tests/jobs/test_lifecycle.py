"""The job lifecycle's rules, in-process: duplicates run once, dead workers are told apart from
live ones, stuck and failed jobs are logged as errors, a retry of a healthy job does nothing."""

import logging
import os
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from jobs import services
from jobs.models import JobNote, JobStatus
from reports.models import Report
from tests.reports.conftest import Q3_END, Q3_START


def queued_report(committee) -> Report:
    report = Report(
        committee=committee,
        kind=Report.Kind.QUARTERLY,
        period_start=Q3_START,
        period_end=Q3_END,
        as_of=Q3_END,
    )
    services.job_enqueue(report, send=False)
    return report


def running(report: Report, *, heartbeat_age: float, worker: str) -> Report:
    Report.objects.filter(pk=report.pk).update(
        status=JobStatus.RUNNING,
        attempts=1,
        heartbeat_at=timezone.now() - timedelta(seconds=heartbeat_age),
        worker=worker,
    )
    report.refresh_from_db()
    return report


def test_duplicate_message_of_a_job_a_live_worker_runs_does_nothing(committee):
    report = running(queued_report(committee), heartbeat_age=1, worker=services.worker_name())
    services.job_execute("reports.Report", report.pk)
    report.refresh_from_db()
    assert report.status == JobStatus.RUNNING and report.attempts == 1


def test_message_redelivered_after_its_process_died_runs_at_once(committee):
    """A pool process killed on this host: its pid is gone, no need to wait for the sweep."""
    gone = os.getpid() + 10_000_000  # above any pid this kernel hands out
    report = running(
        queued_report(committee),
        heartbeat_age=1,
        worker=f"{services.worker_name().split(':')[0]}:{gone}",
    )
    services.job_execute("reports.Report", report.pk)
    report.refresh_from_db()
    assert report.status == JobStatus.DONE and report.attempts == 2


def test_sweep_logs_lost_workers_and_resends_as_errors(committee, caplog):
    silent = settings.JOB_STALE_SECONDS + 1
    lost = running(queued_report(committee), heartbeat_age=silent, worker="elsewhere:1")
    Report.objects.filter(pk=lost.pk).update(attempts=services.MAX_ATTEMPTS)
    unsent = queued_report(committee)
    Report.objects.filter(pk=unsent.pk).update(
        queued_at=timezone.now() - timedelta(seconds=settings.JOB_RESEND_SECONDS + 1)
    )
    with caplog.at_level(logging.INFO, logger="portal.jobs"):
        counts = services.jobs_sweep()
    assert counts == {"requeued": 0, "failed": 1, "sent": 1}
    lost.refresh_from_db()
    assert lost.status == JobStatus.FAILED and lost.note == JobNote.WORKER_LOST
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any(f"job=reports.Report:{lost.pk} event=worker_lost" in e for e in errors)
    assert any(f"job=reports.Report:{lost.pk} event=failed" in e for e in errors)
    assert any(f"job=reports.Report:{unsent.pk} event=resend" in e for e in errors)


def test_retry_of_a_report_that_is_fine_changes_nothing(committee, client_for, secretariat):
    report = running(queued_report(committee), heartbeat_age=1, worker=services.worker_name())
    response = client_for(secretariat).post(reverse("report_retry", args=[report.pk]), follow=True)
    assert (
        "nothing to retry" in response.content.decode()
        or "không có gì" in response.content.decode().lower()
    )
    report.refresh_from_db()
    assert report.status == JobStatus.RUNNING and report.attempts == 1


def test_sweep_recovers_jobs_left_from_before_the_lifecycle(
    committee, django_capture_on_commit_callbacks
):
    """Rows migrated from the old lifecycles have no queue or heartbeat times."""
    running, waiting = queued_report(committee), queued_report(committee)
    Report.objects.filter(pk=running.pk).update(
        status=JobStatus.RUNNING, queued_at=None, started_at=None, heartbeat_at=None
    )
    Report.objects.filter(pk=waiting.pk).update(queued_at=None, sent_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.jobs_sweep() == {"requeued": 1, "failed": 0, "sent": 1}
    for report in (running, waiting):
        report.refresh_from_db()
        assert report.status == JobStatus.DONE
