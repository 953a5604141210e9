"""/healthz and /readyz as a load balancer or an operator sees them."""

import socket
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from jobs.health import worker_seen
from jobs.models import WorkerSeen


def test_healthz_answers_without_login_and_without_the_database(
    client, secretariat, django_assert_num_queries
):
    client.force_login(secretariat)  # a browser's session cookie must not make it load the user
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_ready_with_the_database_redis_and_eager_jobs(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready" and body["failed"] == []
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["redis"] == {"ok": True}
    assert body["checks"]["worker"]["ok"] is True
    assert body["checks"]["worker"]["detail"].startswith("eager")


def test_readyz_on_the_embedded_default_needs_no_redis_and_no_worker(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["redis"] == {"ok": True, "detail": "not configured"}


@pytest.fixture
def queued_jobs(settings):
    """Jobs go to a real worker (not run in the web process)."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.JOB_SWEEP_SECONDS = 30


def test_readyz_fails_until_a_worker_has_been_seen(client, db, queued_jobs):
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable" and body["failed"] == ["worker"]
    assert body["checks"]["worker"]["seen_at"] is None

    worker_seen("worker-1:4242")
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["worker"]["seen_at"] is not None


def test_readyz_fails_when_the_last_worker_was_seen_too_long_ago(client, db, queued_jobs):
    worker_seen("worker-1:4242")
    WorkerSeen.objects.update(seen_at=timezone.now() - timedelta(seconds=91))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["worker"]


def test_readyz_names_redis_when_nothing_listens(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # a closed port: connection refused
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["redis"]
    assert body["checks"]["database"] == {"ok": True}


def test_readyz_gives_up_on_a_hung_redis_within_seconds(client, db, settings):
    # A socket that accepts connections and never answers, like a paused Redis.
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen()
        settings.REDIS_URL = f"redis://127.0.0.1:{hung.getsockname()[1]}/0"
        started = time.monotonic()
        response = client.get("/readyz")
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.json()["failed"] == ["redis"]
    assert elapsed < 5
