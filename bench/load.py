"""Load test (issue 11, point 7): simulated staff against the production stack on loopback.

Run from the repository root:

    .venv/bin/python bench/load.py [--users 50] [--seconds 60]

It starts the stack itself and stops it on exit (Ctrl-C and errors included): a private
redis-server on a free port, a Celery worker (``celery -A steering worker``) and gunicorn
(``steering.wsgi``, ``--workers`` sync workers, or gthread with ``--threads``), all with the
production settings (``steering.settings``, DEBUG off; plain-HTTP cookies and no static
manifest, as the operations tests run it). The database is PostgreSQL on 127.0.0.1:
``bench_load_seed`` is migrated and loaded with the demo (``seed_demo``) once (again with
``--rebuild``), and each run gets a fresh copy of it, ``bench_load``, plus one login per
simulated user (``load.01``...; the demo password), so that:

- officers (60%) each have their own agency (departments and communes of Gia Lai and Tuyên
  Quang, those with most open assignments first), so no two users report on one assignment;
- secretariat (20%) and leaders (20%) belong to Gia Lai, Tuyên Quang or the central committee.

Each user logs in through the login form (CSRF token from the page; the session cookie is kept),
the logins spread over ``--ramp`` seconds; once all are in, for ``--seconds`` each repeats an
action chosen by its role, then waits a think time (uniform, 0.5-1.5x ``--think``):

- officer: one of its open assignments: the task page (``?assignment=``), then the progress form
  posted as htmx posts it (CSRF token, ``version`` and date from the page, percent + 1, a note,
  a small PDF as evidence); or its agency page, the register, the API;
- secretariat and leaders: the register (plain, searched, filtered, page 2), task pages, the
  dashboard, the API (task list and task detail, session authentication).

Afterwards the database must hold exactly the accepted updates (htmx answer 200), each with its
evidence file, none of the refused ones; each assignment's version must have grown by its
accepted updates and its percent be the last one sent; each task's stored roll-up must be what
``tasks.services`` computes from its leads. The CPU used in the window by each part of the run
and by the machine's other processes is reported too (the machine may be shared). Figures to
the console and to the "Load test" section of ``bench/RESULTS.md``; the server logs are kept
(path printed) when something failed.
"""

import argparse
import contextlib
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

import psycopg
from _shared import ROOT, SERVER_URL, percentile, replace_section, timestamp

SEED_DB, DB_NAME = "bench_load_seed", "bench_load"
SECTION = "## Load test"
PAGE_GOAL_MS = 1000.0
PAGES = ("register", "task_detail", "dashboard", "my_agency")
REGISTER_PATHS = [
    "/tasks/",
    "/tasks/?q=chuyen+doi+so",
    "/tasks/?category=in_progress_overdue&category=not_started_overdue",
    "/tasks/?status=in_progress&sort=due",
    "/tasks/?page=2",
]
API_LIST_PATHS = ["/api/tasks/", "/api/tasks/?q=chuyen+doi+so", "/api/tasks/?status=in_progress"]
# Actions and their weights per role.
WEIGHTS = {
    "officer": {"progress": 4, "my_agency": 2, "register": 1, "api_tasks": 1, "api_task": 1},
    "secretariat": {"register": 4, "task_detail": 3, "dashboard": 2, "api_tasks": 1, "api_task": 1},
    "leader": {"dashboard": 4, "task_detail": 3, "register": 2, "api_tasks": 1, "api_task": 1},
}
# Readers' committees in turn (Gia Lai has the largest register), by their demo logins.
READER_TEMPLATES = {
    "secretariat": ["thuky", "tq.thuky", "thuky", "tw.thuky"],
    "leader": ["lanhdao", "tq.lanhdao", "lanhdao", "trunguong"],
}
OFFICER_COMMITTEES = ("thuky", "tq.thuky")  # their committees' agencies get the officers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def portal_env(redis_url: str, media: Path) -> dict:
    """The environment of every portal process, this one's Django included."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="steering.settings",
        DATABASE_URL=f"{SERVER_URL}/{DB_NAME}",
        REDIS_URL=redis_url,
        SECRET_KEY="bench-load-only-not-a-secret",
        DEBUG="0",
        SECURE_COOKIES="0",
        STATIC_MANIFEST="0",
        MEDIA_ROOT=str(media),
    )
    return env


class Stack:
    """The processes this script starts; each in its own session, so stopping one stops its
    children (gunicorn's and Celery's workers) too."""

    def __init__(self, logs: Path):
        self.logs = logs
        self.processes: dict[str, subprocess.Popen] = {}

    def start(self, name: str, args: list[str], env: dict) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("w")
        process = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes[name] = process
        return process

    def stop(self) -> None:
        processes = list(reversed(self.processes.values()))
        for process in processes:
            with contextlib.suppress(ProcessLookupError):  # the whole group has ended
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()


def wait_for(test, what: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not test():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start (exit status {process.poll()})")
        time.sleep(0.3)


def redis_answers(url: str) -> bool:
    import redis

    try:
        return redis.Redis.from_url(url, socket_timeout=1).ping()
    except redis.RedisError:
        return False


def prepare_databases(rebuild: bool) -> float:
    """Seed ``bench_load_seed`` when missing (or ``rebuild``), then copy it to ``bench_load``;
    returns the seconds spent seeding (0 when reused)."""
    seeded = 0.0
    with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [SEED_DB]).fetchone()
        if rebuild or not exists:
            conn.execute(f'DROP DATABASE IF EXISTS "{SEED_DB}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{SEED_DB}"')
            env = {**os.environ, "DATABASE_URL": f"{SERVER_URL}/{SEED_DB}"}
            started = time.perf_counter()
            for command in (["migrate", "-v0"], ["seed_demo"]):
                subprocess.run(
                    [sys.executable, "manage.py", *command],
                    cwd=ROOT,
                    env=env,
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
            seeded = time.perf_counter() - started
            print(f"seeded {SEED_DB} in {seeded:.0f} s")
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}" TEMPLATE "{SEED_DB}"')
    return seeded


@dataclass
class Staff:
    """One simulated user: login, role, and what it works on (ids read from the database)."""

    username: str
    role: str
    committee: str
    task_ids: list[int] = field(default_factory=list)
    assignments: list[tuple[int, int]] = field(default_factory=list)  # (assignment, task)


def create_staff(n_users: int, password: str) -> list[Staff]:
    """The simulated users' logins in ``bench_load`` and the ids each one works on."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db.models import Count, Q

    from steering.authz import Role
    from steering.models import Agency, Profile
    from tasks.models import Assignment, Task
    from tasks.status import Status

    users = get_user_model().objects
    profile_of = {p.user.username: p for p in Profile.objects.select_related("user", "committee")}
    n_officers = round(n_users * 0.6)
    n_secretariat = round(n_users * 0.2)
    roles = ["officer"] * n_officers + ["secretariat"] * n_secretariat
    roles += ["leader"] * (n_users - len(roles))
    open_statuses = [Status.NOT_STARTED, Status.IN_PROGRESS]
    committees = [profile_of[name].committee_id for name in OFFICER_COMMITTEES]
    ranked = [
        Agency.objects.filter(committee_id=committee)
        .annotate(
            open=Count(
                "assignments",
                filter=Q(
                    assignments__status__in=open_statuses,
                    assignments__task__committee_id=committee,
                ),
            )
        )
        .filter(open__gt=0)
        .order_by("-open", "name")
        for committee in committees
    ]
    # Alternate the two provinces' agencies, most open assignments first.
    agencies = [a for pair in zip(*ranked, strict=False) for a in pair]
    if len(agencies) < n_officers:
        raise SystemExit(f"only {len(agencies)} agencies have open assignments")
    password_hash = make_password(password)
    groups = {role: Group.objects.get(name=role) for role in Role.values}
    staff = []
    counters = {"officer": 0, "secretariat": 0, "leader": 0}
    for number, role in enumerate(roles, start=1):
        index = counters[role]
        counters[role] += 1
        if role == "officer":
            agency = agencies[index]
            committee = agency.committee
            group = Role.COMMUNE_OFFICER if agency.kind == Agency.Kind.COMMUNE else "agency_officer"
        else:
            template = READER_TEMPLATES[role][index % len(READER_TEMPLATES[role])]
            agency, committee = profile_of[template].agency, profile_of[template].committee
            group = role  # the group of the secretariat and of leaders has the role's name
        user = users.create(username=f"load.{number:02d}", password=password_hash)
        user.groups.set([groups[group]])
        Profile.objects.update_or_create(
            user=user, defaults={"committee": committee, "agency": agency}
        )
        member = Staff(user.username, role, committee.name)
        if role == "officer":
            member.assignments = list(
                Assignment.objects.restrict(user, "report")
                .filter(status__in=open_statuses)
                .values_list("id", "task_id")
            )
        member.task_ids = list(Task.objects.restrict(user).values_list("id", flat=True))
        staff.append(member)
    return staff


@dataclass
class Sample:
    kind: str
    status: int  # 0: no answer (connection error or timeout)
    ms: float
    started: float


@dataclass
class Post:
    """One progress update sent: its note's token, assignment, percent and the answer."""

    token: str
    assignment: int
    percent: int
    status: int


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is the answer (302 after a login or a plain form), not followed."""

    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """One user's browser: its cookies, and every request it made with its timing."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect
        )
        self.samples: list[Sample] = []

    def request(
        self, kind: str, path: str, data: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, str]:
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as answer:
                status, body = answer.status, answer.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        except OSError:
            status, body = 0, b""
        self.samples.append(Sample(kind, status, (time.perf_counter() - started) * 1000, started))
        return status, body.decode("utf-8", "replace")


def input_value(html: str, name: str) -> str | None:
    tag = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', html)
    value = tag and re.search(r'\bvalue="([^"]*)"', tag.group(0))
    return value.group(1) if value else None


def progress_form(page: str, assignment: int) -> dict | None:
    """The fields of the page's progress form for ``assignment`` (None: no such form)."""
    start = page.find(f'action="/assignments/{assignment}/progress/"')
    if start == -1:
        return None
    form = page[start : page.find("</form>", start)]
    names = ("csrfmiddlewaretoken", "version", "percent", "effective_date")
    values = {name: input_value(form, name) for name in names}
    return values if all(v is not None for v in values.values()) else None


def evidence_pdf(text: str) -> bytes:
    """A small, valid one-page PDF saying ``text`` (ASCII)."""
    stream = f"BT /F1 12 Tf 72 770 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def multipart(fields: dict, filename: str, content: bytes) -> tuple[bytes, str]:
    """A multipart/form-data body with ``fields`` and one PDF in ``files``; its content type."""
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{filename}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class User(threading.Thread):
    """One simulated member of staff: logs in, waits for the others, then works until the end."""

    def __init__(self, staff: Staff, run: "Run", number: int):
        super().__init__(daemon=True)
        self.staff, self.run_, self.number = staff, run, number
        self.client = Client(run.base)
        self.rng = random.Random(f"{run.marker}{staff.username}")
        self.posts: list[Post] = []
        self.login_status = 0

    def run(self) -> None:
        run = self.run_
        time.sleep(run.ramp * self.number / len(run.staff))
        try:
            self.login()
        finally:
            run.ready.wait()
        if self.login_status != 302:
            return
        actions = WEIGHTS[self.staff.role]
        while time.perf_counter() < run.end and not run.stop.is_set():
            (action,) = self.rng.choices(list(actions), weights=list(actions.values()))
            getattr(self, action)()
            run.stop.wait(self.rng.uniform(0.5, 1.5) * run.think)

    def login(self) -> None:
        _, page = self.client.request("login_page", "/accounts/login/")
        data = {
            "csrfmiddlewaretoken": input_value(page, "csrfmiddlewaretoken") or "",
            "username": self.staff.username,
            "password": self.run_.password,
        }
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        self.login_status, _ = self.client.request(
            "login", "/accounts/login/", urlencode(data).encode(), headers
        )

    def progress(self) -> None:
        if not self.staff.assignments:
            return self.my_agency()
        assignment, task = self.rng.choice(self.staff.assignments)
        status, page = self.client.request("task_detail", f"/tasks/{task}/?assignment={assignment}")
        form = progress_form(page, assignment) if status == 200 else None
        if form is None:
            return
        token = f"{self.run_.marker} {self.staff.username}#{len(self.posts) + 1}"
        percent = min(99, int(form["percent"]) + 1)
        fields = {**form, "percent": percent, "note": f"{token}: Đã cập nhật tiến độ thực hiện."}
        body, content_type = multipart(fields, "bao-cao-tien-do.pdf", evidence_pdf(token))
        headers = {"Content-Type": content_type, "HX-Request": "true"}
        status, _ = self.client.request(
            "progress", f"/assignments/{assignment}/progress/", body, headers
        )
        self.posts.append(Post(token, assignment, percent, status))

    def my_agency(self) -> None:
        self.client.request("my_agency", "/my-agency/")

    def register(self) -> None:
        self.client.request("register", self.rng.choice(REGISTER_PATHS))

    def task_detail(self) -> None:
        self.client.request("task_detail", f"/tasks/{self.rng.choice(self.staff.task_ids)}/")

    def dashboard(self) -> None:
        self.client.request("dashboard", "/dashboard/")

    def api_tasks(self) -> None:
        self.client.request("api_tasks", self.rng.choice(API_LIST_PATHS))

    def api_task(self) -> None:
        self.client.request("api_task", f"/api/tasks/{self.rng.choice(self.staff.task_ids)}/")


@dataclass
class Run:
    base: str
    staff: list[Staff]
    password: str
    seconds: float
    ramp: float
    think: float
    marker: str = field(default_factory=lambda: f"load-{uuid.uuid4().hex[:8]}")
    stop: threading.Event = field(default_factory=threading.Event)
    start: float = 0.0
    end: float = float("inf")
    ready: threading.Barrier = field(init=False)

    def __post_init__(self):
        self.ready = threading.Barrier(len(self.staff) + 1, action=self.open_window)

    def open_window(self) -> None:
        self.start = time.perf_counter()
        self.end = self.start + self.seconds


# The kind of request of a path in the portal's request log (which leaves out the query).
LOGGED_KINDS = [
    (re.compile(r"^/accounts/login/$"), "login"),
    (re.compile(r"^/tasks/$"), "register"),
    (re.compile(r"^/tasks/\d+/$"), "task_detail"),
    (re.compile(r"^/dashboard/$"), "dashboard"),
    (re.compile(r"^/my-agency/$"), "my_agency"),
    (re.compile(r"^/api/tasks/$"), "api_tasks"),
    (re.compile(r"^/api/tasks/\d+/$"), "api_task"),
    (re.compile(r"^/assignments/\d+/progress/$"), "progress"),
]


def server_times(log: Path) -> dict[str, list[float]]:
    """Durations in the server (``portal.request`` lines of gunicorn's log) per kind; logins
    (both methods) under "login"."""
    times: dict[str, list[float]] = {}
    for match in re.finditer(
        r"portal\.request .*?path=(\S+) .*?duration_ms=(\d+)", log.read_text()
    ):
        kind = next((k for pattern, k in LOGGED_KINDS if pattern.match(match[1])), None)
        if kind:
            times.setdefault(kind, []).append(float(match[2]))
    return times


def stats_row(kind: str, samples: list[Sample], seconds: float) -> dict:
    times = [s.ms for s in samples]
    return {
        "kind": kind,
        "count": len(samples),
        "rate": len(samples) / seconds,
        "median": statistics.median(times),
        "p95": percentile(times, 0.95),
        "p99": percentile(times, 0.99),
        "errors": sum(1 for s in samples if not 200 <= s.status < 400),
        "e500": sum(1 for s in samples if s.status >= 500),
    }


def check_database(marker: str, posts: list[Post], versions_before: dict[int, int]) -> dict:
    """What the database holds of the updates sent, against what the server answered."""
    from django.core.files.storage import default_storage

    from tasks.models import Assignment, Evidence, ProgressUpdate, Task
    from tasks.services import State, rollup
    from tasks.status import OPEN_STATUSES

    stored = {
        u.note.split(":")[0]: u
        for u in ProgressUpdate.objects.filter(note__startswith=f"{marker} ")
    }
    accepted = {p.token for p in posts if p.status == 200}
    unknown = {p.token for p in posts if p.status == 0 or p.status >= 500}
    evidence = Evidence.objects.filter(update__in=[u.id for u in stored.values()])
    files_ok = sum(
        1
        for e in evidence
        if default_storage.exists(e.file.name) and default_storage.size(e.file.name) == e.size
    )
    last_percent, accepted_per = {}, {}
    for post in posts:
        if post.status == 200:
            last_percent[post.assignment] = post.percent
            accepted_per[post.assignment] = accepted_per.get(post.assignment, 0) + 1
    stale = [
        a.id
        for a in Assignment.objects.filter(id__in=accepted_per)
        if a.version != versions_before[a.id] + accepted_per[a.id]
        or a.percent != last_percent[a.id]
    ]
    task_ids = Assignment.objects.filter(id__in=accepted_per).values_list("task_id", flat=True)
    wrong_rollups = []
    for task in Task.objects.filter(id__in=task_ids):
        leads = list(
            task.assignments.filter(role="lead").values_list(
                "status", "percent", "completed_on", "due_date"
            )
        )
        state = rollup([State(status, percent, done) for status, percent, done, _ in leads])
        earliest = min(
            (due for status, _, _, due in leads if status in OPEN_STATUSES and due), default=None
        )
        if (task.status, task.percent, task.completed_on, task.earliest_lead_due) != (
            *state,
            earliest,
        ):
            wrong_rollups.append(f"{task.code} (stored {task.percent}%, leads {state.percent}%)")
    return {
        "sent": len(posts),
        "accepted": len(accepted),
        "refused": sum(1 for p in posts if 400 <= p.status < 500),
        "unknown": len(unknown),
        "stored": len(stored),
        "lost": len(accepted - stored.keys()),
        "phantom": len(stored.keys() - accepted - unknown),
        "evidence": evidence.count(),
        "files_ok": files_ok,
        "stale_assignments": len(stale),
        "wrong_rollups": wrong_rollups,
    }


def process_cpu(pid: int) -> tuple[int, float]:
    """(process group, CPU seconds used so far) of a process; (0, 0) once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0, 0.0
    return int(fields[2]), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_snapshot(stack: Stack) -> dict[str, float]:
    """CPU seconds used so far by the machine (every process) and by each part of the run."""
    busy = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    used = {"machine": (sum(busy) - busy[3] - busy[4]) / os.sysconf("SC_CLK_TCK")}
    groups = {process.pid: name for name, process in stack.processes.items()}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            group, seconds = process_cpu(int(entry.name))
            if group in groups:
                used[groups[group]] = used.get(groups[group], 0.0) + seconds
    with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as conn:
        backends = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", [DB_NAME]
        ).fetchall()
    used["postgres"] = sum(process_cpu(pid)[1] for (pid,) in backends)
    used["load generator"] = sum(os.times()[:2])
    return used


def cpu_use(before: dict, after: dict, seconds: float) -> str:
    """The CPU the window took, per part of the run and for the other processes."""
    spent = {name: after[name] - before.get(name, 0.0) for name in after}
    machine = spent.pop("machine")
    parts = ", ".join(f"{name} {value:.1f}" for name, value in spent.items())
    others = max(0.0, machine - sum(spent.values()))
    return (
        f"{machine:.0f} of {seconds * os.cpu_count():.0f} core-seconds busy ({parts}; "
        f"other processes {others:.0f})"
    )


def machine() -> dict:
    cpu = Path("/proc/cpuinfo").read_text()
    model = re.search(r"model name\s*:\s*(.+)", cpu)
    memory = re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text())
    return {
        "cores": os.cpu_count(),
        "cpu_model": model.group(1).strip() if model else "?",
        "memory_gb": int(memory.group(1)) / 1024 / 1024 if memory else 0,
    }


def load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def report(
    args, facts: dict, rows: list[dict], server_ms: dict, check: dict, logins: dict, command: str
) -> str:
    """The console and RESULTS.md text of a run; says which goals were met."""
    table = [
        "| request | count | req/s | median ms | p95 ms | p99 ms | errors | of which 500 "
        "| server median ms | server p95 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        server = server_ms.get(r["kind"])
        table.append(
            f"| {r['kind']} | {r['count']:,} | {r['rate']:.1f} | {r['median']:.0f} | "
            f"{r['p95']:.0f} | {r['p99']:.0f} | {r['errors']} | {r['e500']} | "
            + (
                f"{statistics.median(server):.0f} | {percentile(server, 0.95):.0f} |"
                if server
                else "| |"
            )
        )
    window = [r for r in rows if not r["kind"].startswith(("login", "all"))]
    errors = sum(r["errors"] for r in rows if r["kind"] != "all requests")
    slow = [r["kind"] for r in window if r["kind"] in PAGES and r["p95"] >= PAGE_GOAL_MS]
    lost_ok = check["lost"] == 0 and check["phantom"] == 0 and check["stale_assignments"] == 0
    met = {True: "**met**", False: "**NOT met**"}
    lines = [
        SECTION,
        "",
        f"Date: {timestamp()}. Machine: {facts['cores']} cores ({facts['cpu_model']}), "
        f"{facts['memory_gb']:.1f} GB.",
        f"Load average (1, 5, 15 min) before: {facts['load_before']}; "
        f"after: {facts['load_after']}"
        + (
            " (shared: other processes were busy, the figures are noisy)." if facts["busy"] else "."
        ),
        f"CPU in the window and its tail: {facts['cpu_use']}.",
        f"Stack on loopback: gunicorn `steering.wsgi` ({args.workers} "
        + (f"gthread workers x {args.threads} threads" if args.threads > 1 else "sync workers")
        + "), a Celery worker, a private redis-server, PostgreSQL database "
        f"`{DB_NAME}` (the demo: {facts['tasks']} tasks, {facts['assignments']} assignments) "
        "on the shared server; production settings (DEBUG off).",
        f"Users: {args.users} ({facts['roles']}), logged in through the form "
        f"over {args.ramp:.0f} s "
        f"(ramp-up: {logins['seconds']:.1f} s for all), then {args.seconds:.0f} s of work with "
        f"{0.5 * args.think:.1f}-{1.5 * args.think:.1f} s of think time between actions. "
        "Login rows: the ramp-up; the others: the timed window (req/s over it); server times: "
        "from the portal's request log (login: page and post together), the rest of a "
        "request's time is the wait for a free worker and the network. Officers "
        "post progress as the page's htmx form does (`HX-Request`; CSRF token, `version` and "
        "date from the task page; a one-page PDF as evidence), whose answer tells: 200 saved, "
        "422 refused (a plain post redirects, 302, either way). Server logs: "
        "`portal.request` lines in gunicorn's log, kept when a goal is missed.",
        "",
        "```",
        command,
        "```",
        "",
        *table,
        "",
        f"Progress updates: {check['sent']} sent, {check['accepted']} accepted (200), "
        f"{check['refused']} refused (4xx), {check['unknown']} without a clear answer; "
        f"{check['stored']} in the database: {check['lost']} lost, {check['phantom']} stored "
        f"though not accepted; {check['evidence']} evidence rows, {check['files_ok']} files on "
        f"disk with their size; {check['stale_assignments']} assignments whose version or "
        "percent misses an accepted update.",
        f"Task roll-ups different from their leads after the run: {len(check['wrong_rollups'])}"
        + (f" ({', '.join(check['wrong_rollups'][:10])})." if check["wrong_rollups"] else "."),
        f"Logins: {logins['ok']} of {args.users} succeeded, {logins['locked']} locked out (429).",
        "",
        "Goals (issue 11):",
        "",
        f"- errors: {errors} (500: {sum(r['e500'] for r in rows if r['kind'] != 'all requests')})"
        f"; target 0: {met[errors == 0]}",
        f"- lost updates: {check['lost']}; target 0: {met[lost_ok]}",
        "- pages' p95 under 1 s: " + (f"{met[False]} ({', '.join(slow)})" if slow else met[True]),
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--ramp", type=float, default=10, help="logins spread over (s)")
    parser.add_argument("--think", type=float, default=5.0, help="mean think time (s)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=1, help="gthread threads per worker")
    parser.add_argument("--rebuild", action="store_true", help="seed the demo again")
    parser.add_argument("--no-results", action="store_true", help="do not write RESULTS.md")
    args = parser.parse_args()
    command = " ".join([".venv/bin/python bench/load.py", *sys.argv[1:]])
    # Load from other processes before the start (this script's own comes after).
    facts = {**machine(), "load_before": load_average(), "busy": os.getloadavg()[0] > 0.5}
    print(f"load average before: {facts['load_before']}")
    # Termination by a signal runs the clean-up below as Ctrl-C does.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.default_int_handler)
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    stack = Stack(work)
    keep_logs = True
    try:
        redis_port = free_port()
        redis = stack.start(
            "redis",
            ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--dir", str(work)],
            os.environ.copy(),
        )
        redis_url = f"redis://127.0.0.1:{redis_port}/0"
        wait_for(lambda: redis_answers(redis_url), "redis-server", redis)
        env = portal_env(redis_url, work / "media")
        os.environ.update(env)
        prepare_databases(args.rebuild)

        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        from steering.celery import app
        from steering.demo import DEMO_PASSWORD
        from tasks.models import Assignment, Task

        call_command("migrate", verbosity=0, interactive=False)
        staff = create_staff(args.users, DEMO_PASSWORD)
        versions = dict(Assignment.objects.values_list("id", "version"))
        facts["tasks"], facts["assignments"] = Task.objects.count(), len(versions)
        connections.close_all()

        worker = stack.start(
            "worker",
            [sys.executable, "-m", "celery", "-A", "steering", "worker", "-l", "info"],
            env,
        )
        port = free_port()
        gunicorn = [sys.executable, "-m", "gunicorn", "steering.wsgi", "--bind"]
        gunicorn += [f"127.0.0.1:{port}", "--workers", str(args.workers), "--timeout", "30"]
        if args.threads > 1:
            gunicorn += ["--worker-class", "gthread", "--threads", str(args.threads)]
        web = stack.start("gunicorn", gunicorn, env)
        base = f"http://127.0.0.1:{port}"
        probe = Client(base)
        wait_for(lambda: probe.request("healthz", "/healthz")[0] == 200, "gunicorn", web)
        wait_for(lambda: bool(app.control.ping(timeout=1)), "the Celery worker", worker)

        run = Run(base, staff, DEMO_PASSWORD, args.seconds, args.ramp, args.think)
        users = [User(member, run, number) for number, member in enumerate(staff)]
        print(f"{len(users)} users log in over {args.ramp:.0f} s, then work {args.seconds:.0f} s")
        ramp_started = time.perf_counter()
        for user in users:
            user.start()
        run.ready.wait()
        cpu_before = cpu_snapshot(stack)
        for user in users:
            user.join()
        seconds = time.perf_counter() - run.start
        facts["cpu_use"] = cpu_use(cpu_before, cpu_snapshot(stack), seconds)
        facts["load_after"] = load_average()

        samples = [s for user in users for s in user.client.samples]
        in_window = [s for s in samples if s.started >= run.start]
        ramp_seconds = run.start - ramp_started
        rows = [
            stats_row(kind, [s for s in samples if s.kind == kind], ramp_seconds)
            for kind in ("login_page", "login")
        ]
        kinds = sorted({s.kind for s in in_window}, key=lambda k: (k not in PAGES, k))
        rows += [stats_row(k, [s for s in in_window if s.kind == k], args.seconds) for k in kinds]
        rows.append(stats_row("all requests", in_window, args.seconds))
        logins = {
            "ok": sum(1 for u in users if u.login_status == 302),
            "locked": sum(1 for u in users if u.login_status == 429),
            "seconds": ramp_seconds,
        }
        check = check_database(run.marker, [p for u in users for p in u.posts], versions)
        roles = {role: sum(1 for m in staff if m.role == role) for role in WEIGHTS}
        facts["roles"] = ", ".join(f"{n} {role}" for role, n in roles.items())
        server_ms = server_times(work / "gunicorn.log")
        text = report(args, facts, rows, server_ms, check, logins, command)
        print(text)
        if not args.no_results:
            replace_section(SECTION, text)
        failed = "NOT met" in text or check["wrong_rollups"] or logins["ok"] < args.users
        keep_logs = bool(failed)
        return 1 if failed else 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        stack.stop()
        if keep_logs:
            print(f"server logs kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
