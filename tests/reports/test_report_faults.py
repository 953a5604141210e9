"""Faults: the queue down, a rendering error, a lost worker, a transient database error."""

from datetime import timedelta

from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from reports import jobs, services
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
    assert report.status == Report.Status.QUEUED and report.enqueued_at is None
    assert report.note == Report.Note.QUEUE_UNAVAILABLE
    page = response.content.decode()
    assert "Hàng đợi báo cáo tạm thời không hoạt động" in page  # the message
    assert f'data-note="{Report.Note.QUEUE_UNAVAILABLE}"' in page  # the row


def test_kept_request_is_sent_by_the_sweep_when_the_queue_is_back(register, request_q3, broker):
    broker(CLOSED_PORT)
    report = request_q3()
    assert report.note == Report.Note.QUEUE_UNAVAILABLE
    Report.objects.filter(pk=report.pk).update(
        requested_at=timezone.now() - services.RESEND_AFTER - timedelta(seconds=1)
    )
    from steering.celery import app

    app.conf.task_always_eager = True  # the queue is back (jobs run in-process in tests)
    assert jobs.reports_sweep.delay().get() == (0, 1)
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


def test_report_running_past_the_time_limit_is_failed_by_the_sweep(register, committee):
    started = timezone.now() - services.STALE_AFTER - timedelta(seconds=1)
    stuck = Report.objects.create(
        committee=committee,
        kind=Report.Kind.QUARTERLY,
        period_start=register["done"].created_at.date(),
        period_end=register["done"].created_at.date(),
        as_of=register["done"].created_at.date(),
        status=Report.Status.RUNNING,
        started_at=started,
    )
    fresh = Report.objects.get(pk=stuck.pk)
    fresh.pk = None
    fresh.started_at = timezone.now()
    fresh.save()
    assert services.reports_sweep() == (1, 0)
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == Report.Status.FAILED and stuck.note == Report.Note.TIMED_OUT
    assert fresh.status == Report.Status.RUNNING


def test_report_whose_worker_died_every_attempt_fails_with_a_note(register, request_q3):
    report = request_q3()
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.RUNNING, attempts=services.MAX_ATTEMPTS
    )
    services.report_generate(report.pk)  # the message delivered once more
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED and report.note == Report.Note.WORKER_LOST


def test_message_delivered_again_after_the_report_is_done_changes_nothing(register, request_q3):
    report = request_q3()
    finished = report.finished_at
    services.report_generate(report.pk)
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
    jobs.report_render.apply(args=[report.pk], throw=False)  # retries run in-process here
    report.refresh_from_db()
    assert len(calls) == 2
    assert report.status == Report.Status.DONE and report.attempts == 2
