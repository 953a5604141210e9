"""A real Celery worker against the real Redis broker renders the report; killing its process
mid-render gets the report retried and finished, never left "running"."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.db import connection

from reports.models import Report
from steering.celery import app

ROOT = Path(__file__).resolve().parents[2]
BROKER = "redis://127.0.0.1:6379/14"

pytestmark = [pytest.mark.worker]


@pytest.fixture
def worker(transactional_db, broker):
    """``worker(stall_first_attempt=False)``: a worker process on a queue of its own."""
    queue = f"reports-test-{uuid.uuid4().hex[:8]}"
    broker(BROKER)
    saved_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    processes = []

    def start(stall_first_attempt: bool = False) -> subprocess.Popen:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            # The test database, which this transactional test commits to.
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{connection.settings_dict['NAME']}",
            "REDIS_URL": BROKER,
            "CONN_MAX_AGE": "0",
        }
        if stall_first_attempt:
            env["REPORTS_TEST_STALL_FIRST_ATTEMPT"] = "1"
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tests.reports.worker_app", "worker"]
            + ["-Q", queue, "-c", "1", "--pool", "prefork", "-l", "warning"]
            + ["--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT,
            env=env,
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    app.conf.task_default_queue = saved_queue
    redis.Redis.from_url(BROKER).delete(queue)


def wait_for(report: Report, test, timeout: float = 60) -> Report:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if test(report):
            return report
        time.sleep(0.2)
    raise AssertionError(f"report {report.pk} still {report.status} after {timeout} s")


def test_worker_renders_the_requested_report(worker, register, request_q3):
    worker()
    report = request_q3()  # committed: on_commit sends it to Redis
    assert report.sent_at is not None and report.status == Report.Status.QUEUED
    report = wait_for(report, lambda r: not r.is_pending)
    assert report.status == Report.Status.DONE, report.error
    assert report.worker and report.worker.split(":")[1] != str(os.getpid())
    assert Path(report.pdf.path).read_bytes().startswith(b"%PDF")
    assert report.snapshot["summary"]["total"]["value"] == 3


def test_worker_killed_mid_render_retries_and_finishes(worker, register, request_q3):
    worker(stall_first_attempt=True)
    report = wait_for(request_q3(), lambda r: r.status == Report.Status.RUNNING)
    assert report.attempts == 1
    child = int(report.worker.split(":")[1])
    os.kill(child, signal.SIGKILL)  # the pool process dies; the message is requeued
    report = wait_for(report, lambda r: r.status == Report.Status.DONE)
    assert report.attempts == 2 and int(report.worker.split(":")[1]) != child
