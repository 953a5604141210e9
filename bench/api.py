"""Benchmark of the REST API (issue 13, "Speed").

Run from the repository root (``wrk`` from Debian's package):

    .venv/bin/python bench/api.py

It loads the register bench's data set (``bench/register_dashboard.py``: 10,000 tasks, 30,000
assignments, 100,000 progress updates) into its own PostgreSQL database ``bench_api``, makes a
personal access token for the bench's secretariat user, and starts gunicorn (2 sync workers,
``bench/api_bench_settings.py``: the portal's settings and middleware, no rate limits, plus a
bare JSON view at ``/bench/bare/`` that exists only there). Then, on loopback:

- ``wrk`` (2 threads, 16 connections, 10 s each): requests per second of the bare view and of
  the task list (``/api/v1/tasks/``, 50 per page) with the token, in the same run;
- one client, one request at a time (keep-alive): median latency of the task list with the
  token, of a task's detail, and of a progress POST (a new report on a different assignment
  each time, with its version);

and writes the figures to the section "Issue 13 — API" of ``bench/RESULTS.md``.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from datetime import date

import django
import register_dashboard as register  # the data set (its import names its own database)
from _shared import ROOT, replace_section, timestamp, use_database

DB_NAME = "bench_api"
use_database(DB_NAME)
SECTION = "## Issue 13 — API"
COMMAND = ".venv/bin/python bench/api.py"
WORKERS = 2
WRK = ["-t2", "-c16", "-d10s"]
SINGLE_RUNS = 200
GOAL_RATIO = 0.25
GOAL_TOKEN_MS = 15.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(rebuild: bool) -> tuple[str, list[tuple[int, int, int]]]:
    """The data, a token of the secretariat user, and open assignments to report on."""
    from _shared import ensure_database, migrate

    ensure_database(DB_NAME, rebuild)
    django.setup()
    migrate()
    register.load_data(date.today())
    from django.contrib.auth.models import User
    from django.db import connection

    from apitokens.services import token_create
    from tasks.models import Assignment

    with connection.cursor() as cursor:  # visibility map for index-only counts, fresh stats
        cursor.execute("VACUUM ANALYZE")
    secretary = User.objects.get(username="bench-secretary")
    _token, key = token_create(user=secretary, name="bench", days=1)
    open_ones = (
        Assignment.objects.filter(completed_on__isnull=True, task__status="in_progress")
        .exclude(status="awaiting")
        .values_list("id", "version", "percent")[: SINGLE_RUNS + 20]
    )
    return key, list(open_ones)


def start_gunicorn(port: int, log) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "api_bench_settings",
        "PYTHONPATH": f"{ROOT / 'bench'}:{ROOT}",
    }
    command = [sys.executable, "-m", "gunicorn", "steering.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(WORKERS), "--timeout", "60"]
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=log)
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start; see its log")


def wrk(url: str, headers: dict) -> tuple[float, float]:
    """Requests per second and median latency (ms) under wrk."""
    command = ["wrk", *WRK, "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"50%\s+([\d.]+)(us|ms|s)", out).groups()
    median = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"wrk {url}: {errors.group(1)} error answers\n{out}")
    return rate, median


def single(port: int, requests) -> float:
    """Median wall time (ms) of ``requests`` (method, path, headers, body) one at a time."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times = []
    for method, path, headers, body in requests:
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        times.append((time.perf_counter() - started) * 1000)
        if response.status >= 400:
            raise SystemExit(f"{method} {path}: {response.status} {data[:300]!r}")
    return statistics.median(times[5:])


def breakdown() -> dict[str, float]:
    """Where a task list's time goes, in-process (median ms of 15), as ``TaskList.list`` reads
    it: the page's tasks as plain rows, their visible assignments, the representation of both,
    the count."""
    from django.contrib.auth.models import User
    from django.utils import timezone

    from tasks.api.views import _plain_rows
    from tasks.models import Assignment, Task

    user = User.objects.get(username="bench-secretary")
    tasks, assignments = _plain_rows()
    listed = Task.objects.restrict(user).with_timeliness(timezone.localdate())
    rows = list(listed.values(*tasks.paths)[:50])
    nested = Assignment.objects.restrict(user).filter(task_id__in=[row["id"] for row in rows])
    nested_rows = list(nested.values(*assignments.paths))

    def median(call) -> float:
        times = []
        for _ in range(15):
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)

    return {
        "50 tasks as rows": median(lambda: list(listed.values(*tasks.paths)[:50])),
        f"their {len(nested_rows)} assignments as rows": median(
            lambda: list(nested.values(*assignments.paths))
        ),
        "representation of both": median(
            lambda: ([tasks(row) for row in rows], [assignments(row) for row in nested_rows])
        ),
        "count": median(lambda: listed.count()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rebuild", action="store_true", help="drop the data and start over")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    key, open_ones = prepare(args.rebuild)
    from django.db import connections

    from tasks.models import Task

    task_id = Task.objects.order_by("id").values_list("id", flat=True)[5000]
    parts = breakdown()
    connections.close_all()
    auth = {"Authorization": f"Token {key}"}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with open(ROOT / "var" / "bench-api-gunicorn.log", "w") as log:
        server = start_gunicorn(port, log)
        try:
            for path in ("/bench/bare/", "/api/v1/tasks/"):  # warm both workers
                single(port, [("GET", path, auth, None)] * 10)
            bare_rate, bare_median = wrk(base + "/bench/bare/", {})
            list_rate, list_median = wrk(base + "/api/v1/tasks/", auth)
            bare_rate2, _ = wrk(base + "/bench/bare/", {})  # again, to see the machine's drift
            list_single = single(port, [("GET", "/api/v1/tasks/", auth, None)] * SINGLE_RUNS)
            detail_single = single(
                port, [("GET", f"/api/v1/tasks/{task_id}/", auth, None)] * SINGLE_RUNS
            )
            posts = []
            today = time.strftime("%Y-%m-%d")
            for assignment, version, percent in open_ones[:SINGLE_RUNS]:
                body = json.dumps(
                    {
                        "percent": percent,
                        "effective_date": today,
                        "note": "Bench: tiến độ",
                        "version": version,
                    }
                )
                headers = {**auth, "Content-Type": "application/json"}
                posts.append(("POST", f"/api/v1/assignments/{assignment}/progress/", headers, body))
            post_single = single(port, posts)
        finally:
            server.terminate()
            server.wait(timeout=30)
    bare_mean = (bare_rate + bare_rate2) / 2
    ratio = list_rate / bare_mean
    rows = [
        ("bare JSON view (`/bench/bare/`), wrk", f"{bare_mean:,.0f}", f"{bare_median:.1f}"),
        ("task list, 50/page, token, wrk", f"{list_rate:,.0f}", f"{list_median:.1f}"),
        ("task list, token, one client", "", f"{list_single:.1f}"),
        ("task detail, token, one client", "", f"{detail_single:.1f}"),
        ("progress POST, token, one client", "", f"{post_single:.1f}"),
    ]
    table = "\n".join(f"| {name} | {rate} | {ms} |" for name, rate, ms in rows)
    ok_ratio = "met" if ratio >= GOAL_RATIO else "MISSED"
    ok_token = "met" if list_single < GOAL_TOKEN_MS else "MISSED"
    parts_text = "; ".join(f"{name} {ms:.1f}" for name, ms in parts.items())
    text = f"""{SECTION}

Date: {timestamp()} (load average at the end: {os.getloadavg()[0]:.1f})
Command: `{COMMAND}` (data: `bench/register_dashboard.py`'s 10,000 tasks, 30,000 assignments,
100,000 updates, database `bench_api`; wrk {" ".join(WRK)}; gunicorn {WORKERS} sync workers,
`bench/api_bench_settings.py`: the portal's middleware, no rate limits; the bare view exists
only in `bench/api_bench_urls.py`). The machine's 2 cores are shared with the load generator.

| What | req/s | median ms |
|---|---:|---:|
{table}

- Task list / bare view: **{ratio:.2f}** (goal ≥ {GOAL_RATIO}: {ok_ratio}; the bare view's two runs:
  {bare_rate:,.0f} and {bare_rate2:,.0f} req/s).
- In-process parts of the task list (median ms): {parts_text}.
- Token-authenticated call, one client: **{list_single:.1f} ms** median for a 50-task page
  (goal < {GOAL_TOKEN_MS:.0f} ms: {ok_token}); the token is one indexed lookup by SHA-256
  digest (no password hashing), its last use written at most once a minute.
"""
    print(text)
    replace_section(SECTION, text)


if __name__ == "__main__":
    main()
