"""Real processes for fault tests: a private Redis the test may stop, pause or empty, and Celery
workers (with beat, so the job sweep runs as in production) against the test database."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(test, timeout: float, what: str, interval: float = 0.2):
    """Poll ``test()`` until it returns something truthy; fail saying ``what`` never happened."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = test()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"{what} within {timeout} s")


class RedisServer:
    """A Redis of the test's own, on a free port, keeping nothing on disk (as compose's did)."""

    def __init__(self):
        if not shutil.which("redis-server"):
            pytest.fail("redis-server is not installed (bash .ci/run starts it)")
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="jobs-redis-")
        self.process: subprocess.Popen | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--dir", self.dir],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_timeout=1)

        def answers():
            try:
                return client.ping()
            except redis.RedisError:
                return False

        wait_until(answers, 10, "Redis did not start")

    def stop(self) -> None:
        self.resume()
        self.process.terminate()
        self.process.wait(timeout=10)

    def restart_empty(self) -> None:
        """Restarted without its data: every queued message is lost."""
        self.stop()
        self.start()

    def pause(self) -> None:
        """Hung: connections are accepted by the kernel, nothing is answered."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def queued_messages(self) -> int:
        return redis.Redis.from_url(self.url).llen("celery")

    def close(self) -> None:
        if self.process.poll() is None:
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class Workers:
    """Start Celery workers (each with an embedded beat) on the test database and ``broker``.

    Short job limits make the faults show within seconds: a heartbeat every second, silent
    for 4 s is dead, resent after 3 s unaccepted, swept every second.
    """

    def __init__(self, database_url: str, broker_url: str, app: str = "steering.celery"):
        self.database_url, self.broker_url, self.app = database_url, broker_url, app
        self.processes: list[subprocess.Popen] = []
        self.dir = tempfile.mkdtemp(prefix="jobs-beat-")

    def start(self, **env) -> subprocess.Popen:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.broker_url,
            "CONN_MAX_AGE": "0",
            "JOB_HEARTBEAT_SECONDS": "1",
            "JOB_STALE_SECONDS": "4",
            "JOB_RESEND_SECONDS": "3",
            "JOB_SWEEP_SECONDS": "1",
            "CELERY_EAGER": "0",
            **env,
        }
        schedule = Path(self.dir) / f"beat-{len(self.processes)}"
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", self.app, "worker", "--beat"]
            + ["--schedule", str(schedule), "-c", "1", "--pool", "prefork", "-l", "warning"]
            + ["--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT,
            env=environment,
            start_new_session=True,  # its own process group: kill_all reaches the pool too
        )
        self.processes.append(process)
        return process

    def kill_all(self, process: subprocess.Popen) -> None:
        """The whole worker dies at once (main process, pool and beat): SIGKILL its group."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)
