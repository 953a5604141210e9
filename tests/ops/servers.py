"""Real processes for the operations tests: a private PostgreSQL cluster the test may stop
(never the shared server) and the portal under gunicorn."""

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_bin(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))), None
    )
    if not found:
        pytest.fail(f"PostgreSQL server binaries ({name}) are not installed (bash .ci/run)")
    return found


class PrivateCluster:
    """A throwaway PostgreSQL instance on its own port, in a temporary directory."""

    def __init__(self):
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="ops-pg-"))
        # PostgreSQL refuses to run as root: run it as the postgres user when we are root.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.dir, "postgres")
        self.data = self.dir / "data"
        self.run(
            postgres_bin("initdb"),
            "-D",
            self.data,
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
            "-E",
            "UTF8",
        )
        self.start()

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def run(self, *args):
        subprocess.run([*self.as_user, *map(str, args)], check=True, capture_output=True)

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(
            postgres_bin("pg_ctl"),
            "-D",
            self.data,
            "-o",
            options,
            "-l",
            self.dir / "server.log",
            "-w",
            "start",
        )

    def stop(self):
        """As abruptly as a crash: no shutdown checkpoint, clients cut off."""
        self.run(postgres_bin("pg_ctl"), "-D", self.data, "-m", "immediate", "-w", "stop")

    def remove(self):
        subprocess.run(
            [
                *self.as_user,
                postgres_bin("pg_ctl"),
                "-D",
                str(self.data),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


def portal_env(**overrides) -> dict:
    """The environment of a production-like portal process (steering.settings, not tests')."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="steering.settings",
        SECRET_KEY="ops-tests-only-not-a-secret",
        DEBUG="0",
        SECURE_COOKIES="0",
        STATIC_MANIFEST="0",
        LOG_LEVEL="INFO",
    )
    env.update(overrides)
    return env


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


class Gunicorn:
    """The portal served by gunicorn (one worker) on a free port; its log goes to a file."""

    def __init__(self, env: dict, log: Path, health_headers: dict | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "steering.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--timeout",
                "30",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log.open("w"),
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                probe = urllib.request.Request(self.base + "/healthz", headers=health_headers or {})
                urllib.request.urlopen(probe, timeout=2)
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"gunicorn did not start:\n{log.read_text()}") from None
                time.sleep(0.2)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Response:
    def __init__(self, status: int, headers, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode()


def fetch(opener, url: str, data: bytes | None = None, headers: dict | None = None) -> Response:
    """One request; an HTTP error status is an answer, not an exception."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=15) as answer:
            return Response(answer.status, answer.headers, answer.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())
