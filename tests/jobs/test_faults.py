"""Real faults against long jobs, with the test's own Redis and Celery workers (with beat):
Redis stopped, emptied or hung while a report or an import waits, a whole worker killed
mid-job. Each job ends done (or failed with its true reason) within 2 minutes of the service's
return, and the user never sees a 500."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobs.models import JobNote, JobStatus
from reports.models import Report
from tasks import imports
from tasks.models import ImportBatch, Task
from tests.processes import wait_until
from tests.tasks.import_annexes import simple_annex

pytestmark = [pytest.mark.worker]

RECOVERY = 120  # seconds: the goal, from the service's return to the job's end


def refreshed(job):
    job.refresh_from_db()
    return job


def request_report(client):
    return client.post(
        reverse("report_create"),
        {"committee": client.committee.pk, "period": "quarterly:2025-07-01"},
        follow=True,
    )


@pytest.fixture
def secretariat_client(client_for, secretariat, committee, make_task, agency_a):
    make_task("Số hóa hồ sơ hộ tịch", leads=[agency_a], deadline="31/12/2025")
    client = client_for(secretariat)
    client.committee = committee
    return client


def finishes(job, status=JobStatus.DONE):
    """The job ends with ``status`` within RECOVERY seconds of now."""
    wait_until(lambda: not refreshed(job).is_pending, RECOVERY, f"{job} still {job.status}")
    assert job.status == status, (job.status, job.note, job.error)
    return job


def test_report_requested_while_redis_is_stopped(workers, redis_server, secretariat_client):
    redis_server.stop()
    response = request_report(secretariat_client)
    assert response.status_code == 200
    assert "Hàng đợi báo cáo tạm thời không hoạt động" in response.content.decode()
    report = Report.objects.get()
    assert report.status == JobStatus.QUEUED and report.note == JobNote.QUEUE_UNAVAILABLE

    redis_server.start()
    workers.start()  # its beat's sweep sends the kept request
    report = finishes(report)
    assert report.note == "" and report.pdf


def test_report_lost_by_a_redis_restarted_empty_is_sent_again(
    workers, redis_server, secretariat_client
):
    request_report(secretariat_client)  # accepted by Redis; no worker yet
    report = Report.objects.get()
    assert report.sent_at is not None and redis_server.queued_messages() == 1
    redis_server.restart_empty()
    assert redis_server.queued_messages() == 0  # the message is gone

    workers.start()
    finishes(report)


def test_report_requested_while_redis_hangs_answers_within_seconds(
    workers, redis_server, secretariat_client
):
    redis_server.pause()
    try:
        began = time.monotonic()
        response = request_report(secretariat_client)
        waited = time.monotonic() - began
    finally:
        redis_server.resume()
    assert response.status_code == 200 and waited < 20
    report = Report.objects.get()
    assert report.note == JobNote.QUEUE_UNAVAILABLE and report.sent_at is None

    workers.start()
    finishes(report)


def upload_and_confirm(client, rows: int) -> ImportBatch:
    lines = [[i, f"Nhiệm vụ số {i}", "Sở KH&CN", "", "Quý IV/2025"] for i in range(1, rows + 1)]
    upload = SimpleUploadedFile("phu-luc.xlsx", simple_annex(lines))
    client.post(reverse("import_list"), {"file": upload, "default_field": "digital_government"})
    batch = ImportBatch.objects.latest("id")
    response = client.post(reverse("import_confirm", args=[batch.pk]), follow=True)
    assert response.status_code == 200
    return refreshed(batch)


@pytest.fixture
def large_imports(monkeypatch):
    """Files of more than three rows go through the queue, as 2,000-row ones do."""
    monkeypatch.setattr(imports, "MAX_SYNC_ROWS", 3)


def test_large_import_confirmed_while_redis_hangs(
    workers, redis_server, secretariat_client, agency_a, large_imports
):
    redis_server.pause()
    try:
        batch = upload_and_confirm(secretariat_client, rows=5)
    finally:
        redis_server.resume()
    assert batch.status == JobStatus.QUEUED and batch.note == JobNote.QUEUE_UNAVAILABLE
    page = secretariat_client.get(reverse("import_detail", args=[batch.pk])).content.decode()
    assert f'data-note="{JobNote.QUEUE_UNAVAILABLE}"' in page

    workers.start()
    batch = finishes(batch)
    assert (
        batch.created_count == 5
        and Task.objects.filter(title__startswith="Nhiệm vụ số").count() == 5
    )


def test_small_import_with_redis_stopped_is_saved_and_shown(
    workers, redis_server, secretariat_client, agency_a
):
    redis_server.stop()
    batch = upload_and_confirm(secretariat_client, rows=2)
    assert batch.status == JobStatus.DONE and batch.created_count == 2


@pytest.mark.parametrize("kind", ["report", "import"])
def test_whole_worker_killed_mid_job_is_run_again_by_the_next_worker(
    kind, workers, redis_server, secretariat_client, agency_a, large_imports
):
    first = workers.start(JOBS_TEST_STALL_FIRST_ATTEMPT="1")
    if kind == "report":
        request_report(secretariat_client)
        job = Report.objects.get()
    else:
        job = upload_and_confirm(secretariat_client, rows=5)
    wait_until(lambda: refreshed(job).status == JobStatus.RUNNING, 60, "the job never ran")
    workers.kill_all(first)  # main process, pool and beat at once; the message stays unacked

    workers.start()  # the worker is back
    job = finishes(job)
    assert job.attempts == 2


def test_import_whose_workers_die_on_every_attempt_fails_with_the_true_reason(
    workers, redis_server, secretariat_client, agency_a, large_imports
):
    batch = upload_and_confirm(secretariat_client, rows=5)
    for attempt in (1, 2, 3):
        worker = workers.start(JOBS_TEST_STALL_FIRST_ATTEMPT="1", JOBS_TEST_STALL_ALWAYS="1")
        wait_until(
            lambda n=attempt: refreshed(batch).status == JobStatus.RUNNING and batch.attempts == n,
            60,
            f"attempt {attempt} never ran",
        )
        workers.kill_all(worker)
    workers.start()
    batch = finishes(batch, JobStatus.FAILED)
    assert batch.note == JobNote.WORKER_LOST and batch.attempts == 3
    page = secretariat_client.get(reverse("import_detail", args=[batch.pk])).content.decode()
    assert f'data-note="{JobNote.WORKER_LOST}"' in page
    assert reverse("import_retry", args=[batch.pk]) in page
    assert not Task.objects.filter(title__startswith="Nhiệm vụ số").exists()

    secretariat_client.post(reverse("import_retry", args=[batch.pk]))  # the button on the page
    batch = finishes(batch)
    assert batch.created_count == 5 and batch.attempts == 1
