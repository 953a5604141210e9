"""The container health checks of docker-compose.yml, run as Docker runs them."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings

from tests.ops.servers import Gunicorn, portal_env

PRODUCTION_HOSTS = {"ALLOWED_HOSTS": "portal.example.gov.vn", "SECURE_SSL_REDIRECT": "1"}


def healthcheck(*args: str, **env: str) -> int:
    return subprocess.run(
        [sys.executable, "-m", "ops.healthcheck", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
    ).returncode


@pytest.fixture
def web(tmp_path):
    """The portal as deployed: its own host name only, HTTPS enforced (no database needed)."""
    env = portal_env(SQLITE_PATH=str(tmp_path / "db.sqlite3"), **PRODUCTION_HOSTS)
    server = Gunicorn(
        env,
        tmp_path / "gunicorn.log",
        health_headers={"Host": "portal.example.gov.vn", "X-Forwarded-Proto": "https"},
    )
    yield server
    server.stop()


def test_web_is_healthy_behind_its_production_host_name_and_https(web):
    # A naive probe of 127.0.0.1 is refused by the portal's host check.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(web.base + "/healthz", timeout=5)
    assert refused.value.code == 400
    assert healthcheck("web", "--url", web.base + "/healthz", **PRODUCTION_HOSTS) == 0
    web.stop()
    assert healthcheck("web", "--url", web.base + "/healthz", **PRODUCTION_HOSTS) == 1


def test_beat_is_healthy_while_it_keeps_saving_its_schedule(tmp_path):
    schedule = tmp_path / "celerybeat-schedule"
    assert healthcheck("beat", "--schedule", str(schedule)) == 1  # never written
    schedule.with_suffix(".db").write_bytes(b"")
    assert healthcheck("beat", "--schedule", str(schedule)) == 0
    stale = time.time() - 11 * 60
    os.utime(schedule.with_suffix(".db"), (stale, stale))
    assert healthcheck("beat", "--schedule", str(schedule)) == 1
