"""Faults: the queue down, a rendering error, a lost worker, a transient database error."""

from datetime import timedelta

from django.conf import settings
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from jobs import services as job_services
from jobs.jobs import job_run, jobs_sweep
from reports import services
from reports.models import Report

CLOSED_PORT = "redis://127.0.0.1:1/0"


def test_queue_unavailable_keeps_the_request_and_says_so(
    transactional_db, register, committee, client_for, secretariat, broker
):
    """Transactional: the request commits and tries the queue inside the view, as in
    production."""
    broker(CLOSED_PORT)
    client = client_for(secretariat)
    response = client.post(
        reverse("report_create"),
        {"committee": committee.pk, "period": "quarterly:2025-07-01"},
        follow=True,
    )
    assert response.status_code == 200
    report = Report.objects.get()
    assert report.status == Report.Status.QUEUED and report.sent_at is None
    assert report.note == Report.Note.QUEUE_UNAVAILABLE
    page = response.content.decode()
    assert "Hàng đợi báo cáo tạm thời không hoạt động" in page  # the message
    assert f'data-note="{Report.Note.QUEUE_UNAVAILABLE}"' in page  # the row


def test_kept_request_is_sent_by_the_sweep_when_the_queue_is_back(register, request_q3, broker):
    broker(CLOSED_PORT)
    report = request_q3()
    assert report.note == Report.Note.QUEUE_UNAVAILABLE
    Report.objects.filter(pk=report.pk).update(
        queued_at=timezone.now() - timedelta(seconds=settings.JOB_RESEND_SECONDS + 1)
    )
    from steering.celery import app

    app.conf.task_always_eager = True  # the queue is back (jobs run in-process in tests)
    assert jobs_sweep.delay().get() == {"requeued": 0, "failed": 0, "sent": 1}
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.note == ""


def test_rendering_error_fails_the_report_and_the_secretariat_retries_it(
    register, request_q3, monkeypatch, client_for, secretariat, django_capture_on_commit_callbacks
):
    def broken(snapshot, generated_at):
        raise ValueError("bad table")

    monkeypatch.setattr(services, "render_pdf", broken)
    report = request_q3()
    assert report.status == Report.Status.FAILED
    assert report.error == "ValueError: bad table" and not report.pdf
    client = client_for(secretariat)
    page = client.get(reverse("report_list")).content.decode()
    assert "ValueError: bad table" in page and reverse("report_retry", args=[report.pk]) in page

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("report_retry", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.error == "" and report.attempts == 1


def test_leader_sees_a_failed_report_but_cannot_retry_it(
    register, request_q3, monkeypatch, client_for, leader
):
    monkeypatch.setattr(services, "render_pdf", lambda *args: 1 / 0)
    report = request_q3()
    client = client_for(leader)
    page = client.get(reverse("report_list")).content.decode()
    assert "ZeroDivisionError" in page and reverse("report_retry", args=[report.pk]) not in page
    assert client.post(reverse("report_retry", args=[report.pk])).status_code == 403


def test_report_whose_worker_stopped_beating_is_run_again_by_the_sweep(
    register, request_q3, django_capture_on_commit_callbacks
):
    report = request_q3()
    silent = timezone.now() - timedelta(seconds=settings.JOB_STALE_SECONDS + 1)
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.RUNNING, attempts=1, heartbeat_at=silent, worker="gone-host:4242"
    )
    alive = Report.objects.get(pk=report.pk)
    alive.pk, alive.heartbeat_at = None, timezone.now()
    alive.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert job_services.jobs_sweep() == {"requeued": 1, "failed": 0, "sent": 0}
    report.refresh_from_db()
    alive.refresh_from_db()
    assert report.status == Report.Status.DONE and report.attempts == 2  # sent on commit
    assert alive.status == Report.Status.RUNNING


def test_report_whose_worker_died_every_attempt_fails_with_a_note(register, request_q3):
    report = request_q3()
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.RUNNING, attempts=job_services.MAX_ATTEMPTS, heartbeat_at=None
    )
    job_services.job_execute("reports.Report", report.pk)  # the message delivered once more
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED and report.note == Report.Note.WORKER_LOST


def test_message_delivered_again_after_the_report_is_done_changes_nothing(register, request_q3):
    report = request_q3()
    finished = report.finished_at
    job_services.job_execute("reports.Report", report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.finished_at == finished
    assert report.attempts == 1


def test_transient_database_error_is_retried(register, committee, monkeypatch):
    calls = []
    real = services.report_figures

    def flaky(report, today):
        calls.append(today)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(report, today=today)

    monkeypatch.setattr(services, "report_figures", flaky)
    day = register["done"].due_date
    report = Report.objects.create(
        committee=committee, kind=Report.Kind.CUSTOM, period_start=day, period_end=day, as_of=day
    )
    job_run.apply(args=["reports.Report", report.pk], throw=False)  # retries run in-process
    report.refresh_from_db()
    assert len(calls) == 2
    assert report.status == Report.Status.DONE and report.attempts == 2
