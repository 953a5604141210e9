"""A real Celery worker against a real Redis renders the report; killing its pool process
mid-render gets the report run again at once and finished, never left "running"."""

import os
import signal
from pathlib import Path

import pytest

from reports.models import Report
from tests.processes import wait_until

pytestmark = [pytest.mark.worker]


def refreshed(report: Report) -> Report:
    report.refresh_from_db()
    return report


def test_worker_renders_the_requested_report(workers, register, request_q3):
    workers.start()
    report = request_q3()  # committed: on_commit sends it to Redis
    assert report.sent_at is not None and report.status == Report.Status.QUEUED
    wait_until(lambda: not refreshed(report).is_pending, 60, "the report did not finish")
    assert report.status == Report.Status.DONE, report.error
    assert report.worker and report.worker.split(":")[1] != str(os.getpid())
    assert Path(report.pdf.path).read_bytes().startswith(b"%PDF")
    assert report.snapshot["summary"]["total"]["value"] == 3


def test_worker_killed_mid_render_retries_and_finishes(workers, register, request_q3):
    workers.start(JOBS_TEST_STALL_FIRST_ATTEMPT="1")
    report = request_q3()
    wait_until(lambda: refreshed(report).status == Report.Status.RUNNING, 60, "never ran")
    assert report.attempts == 1
    child = int(report.worker.split(":")[1])
    os.kill(child, signal.SIGKILL)  # the pool process dies; the message is requeued
    wait_until(lambda: refreshed(report).status == Report.Status.DONE, 60, "not done again")
    assert report.attempts == 2 and int(report.worker.split(":")[1]) != child
