"""Benchmark of the summary report (issue 6, "Speed"): worker time, pages, peak memory.

Run from the repository root:

    DJANGO_SETTINGS_MODULE=tests.settings .venv/bin/python bench/report.py

It uses its own PostgreSQL database ``bench_reports`` on 127.0.0.1 (user postgres, trust auth),
creates and migrates it when missing, and loads two data sets once: the demo province
(``seed_demo``: 147 tasks, 135 communes) and a large committee (5,000 tasks with 15,000
assignments and 60,000 progress updates, 1,000 communes with an investment request each, their
workflow steps, allocations and disbursements). Re-runs reuse the data; ``--rebuild`` starts
over. The large set is written with ``bulk_create`` (bench data, not product writes).

Each report is generated in a fresh Python process by ``jobs.services.job_execute``,
exactly what the Celery worker runs, so the time is the worker's time and the peak memory
(``ru_maxrss``) is that of a worker process which rendered one report. The demo report runs
3 times (median), the large one once. Then ``bench/report_national.py`` has two real Celery
workers generate the 34 provincial reports of the national data set (``bench/national.py``).
Figures go to the console and to the "Summary report" section of ``bench/RESULTS.md``.
"""

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta

import django
from _shared import (
    BATCH,
    RESULTS,
    ROOT,
    bulk,
    ensure_database,
    migrate,
    replace_section,
    timestamp,
    use_database,
)

DB_NAME = "bench_reports"
use_database(DB_NAME)
os.environ.setdefault("MEDIA_ROOT", str(ROOT / "var" / "bench-media"))

LARGE = "Ban Chỉ đạo tỉnh Bench"  # its communes have province code 99
N_TASKS, N_DEPARTMENTS, N_COMMUNES, UPDATES_PER_LEAD = 5_000, 60, 1_000, 4
Q3_START, Q3_END = date(2025, 7, 1), date(2025, 9, 30)
TARGETS = {"demo": (2.0, None), "large": (20.0, 300)}  # seconds, MB (issue 12)
NATIONAL_TARGET = 60.0  # seconds for the 34 provincial reports on two workers (issue 12)
SECTION = "## Summary report (PDF and .xlsx)"
COMMAND = "DJANGO_SETTINGS_MODULE=tests.settings .venv/bin/python bench/report.py"


def aware(day: date, hour: int = 9) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def load_large() -> None:
    """5,000 tasks led by departments and communes, and the 1,000 communes' requests."""
    from django.contrib.auth.models import User

    from common.text import fold
    from steering.models import Agency, Committee
    from tasks.models import Assignment, Field, ProgressUpdate, Task

    rng = random.Random(57)
    committee = Committee.objects.create(name=LARGE, level="province", province_code=99)
    author = User.objects.create_user("bench-report-author")
    departments = bulk(
        Agency,
        [
            Agency(
                committee=committee,
                name=f"Sở báo cáo số {i:02d}",
                short_name=f"SBC{i:02d}",
                kind="department",
            )
            for i in range(N_DEPARTMENTS)
        ],
    )
    communes = bulk(
        Agency,
        [
            Agency(
                committee=committee,
                name=f"UBND xã báo cáo {i:04d}",
                short_name=f"XBC{i:04d}",
                kind="commune",
            )
            for i in range(N_COMMUNES)
        ],
    )
    tasks = []
    for i in range(N_TASKS):
        due = date(2025, 1, 31) + timedelta(days=rng.randint(0, 540))
        title = f"Triển khai nhiệm vụ chuyển đổi số số {i} của tỉnh theo Nghị quyết 57-NQ/TW"
        tasks.append(
            Task(
                committee=committee,
                code=f"57-{i:05d}",
                title=title,
                field=rng.choice(Field.values),
                deadline_text=f"{due:%d/%m/%Y}",
                due_date=due,
                search_text=fold(title),
            )
        )
    tasks = bulk(Task, tasks)
    Task.objects.filter(committee=committee).update(created_at=aware(date(2025, 1, 15)))
    assignments = []
    for task in tasks:
        leads = [rng.choice(departments)] if rng.random() < 0.7 else rng.sample(communes, 3)
        assignments += [Assignment(task=task, agency=agency, role="lead") for agency in leads]
    assignments = bulk(Assignment, assignments)
    updates = []
    for assignment in assignments:
        day = date(2025, 2, 1)
        for n in range(UPDATES_PER_LEAD):
            day += timedelta(days=rng.randint(10, 50))
            done = n == UPDATES_PER_LEAD - 1 and rng.random() < 0.5
            updates.append(
                ProgressUpdate(
                    assignment=assignment,
                    kind="report",
                    author=author,
                    created_at=aware(day),
                    effective_date=day,
                    percent=100 if done else 20 * (n + 1),
                    status="completed" if done else "in_progress",
                    note="Cập nhật tiến độ (bench).",
                )
            )
    bulk(ProgressUpdate, updates)
    load_communes(rng, committee, communes, author)
    print(f"loaded {len(tasks)} tasks, {len(assignments)} leads, {len(updates)} updates")


def load_communes(rng: random.Random, committee, agencies: list, author) -> None:
    from communes.models import (
        Allocation,
        Commune,
        Disbursement,
        FundingProgramme,
        InvestmentRequest,
        TransitionLog,
    )

    communes = bulk(
        Commune,
        [
            Commune(
                committee=committee,
                code=900_000 + i,
                name=agency.name.replace("UBND ", ""),
                kind="xa",
                province_code=99,
                province_name="Bench",
                agency=agency,
            )
            for i, agency in enumerate(agencies)
        ],
    )
    programme = FundingProgramme.objects.create(
        committee=committee,
        name="Chương trình bench hạ tầng số cấp xã",
        decision_number="BENCH-1/QĐ-UBND",
        decision_date=date(2025, 3, 1),
        fiscal_year=2025,
        total=2_000_000_000_000,
        managing_agency=agencies[0],
    )
    requests = bulk(
        InvestmentRequest,
        [
            InvestmentRequest(
                commune=commune,
                title="Đầu tư trang thiết bị công nghệ thông tin",
                justification="Bench",
                status="allocated",
                requested_amount=rng.randint(500, 3_000) * 1_000_000,
                created_by=author,
            )
            for commune in communes
        ],
    )
    InvestmentRequest.objects.filter(pk__in=[r.pk for r in requests]).update(
        created_at=aware(date(2025, 4, 1))
    )
    steps = [("submit", "draft", "submitted"), ("approve", "submitted", "approved")]
    steps.append(("allocate", "approved", "allocated"))
    bulk(
        TransitionLog,
        [
            TransitionLog(
                request=request,
                action=action,
                from_status=source,
                to_status=target,
                user=author,
                at=aware(date(2025, 5, 1) + timedelta(days=n * 20)),
            )
            for request in requests
            for n, (action, source, target) in enumerate(steps)
        ],
    )
    for request in requests:
        request.approved_amount = request.requested_amount
    InvestmentRequest.objects.bulk_update(requests, ["approved_amount"], batch_size=BATCH)
    allocations = bulk(
        Allocation,
        [
            Allocation(
                programme=programme,
                request=request,
                amount=request.requested_amount,
                decision_number=f"BENCH-{request.pk}/QĐ",
                decided_on=date(2025, 6, 15),
                created_by=author,
            )
            for request in requests
        ],
    )
    bulk(
        Disbursement,
        [
            Disbursement(
                allocation=allocation,
                amount=allocation.amount // 2,
                paid_on=date(2025, 8, 1),
                reference=f"BENCH-{allocation.pk}",
                created_by=author,
            )
            for allocation in allocations
        ],
    )


def load_data() -> None:
    from django.core.management import call_command
    from django.db import connection, transaction

    from steering.models import Committee

    migrate()
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))
    if not Committee.objects.filter(name=LARGE).exists():
        started = time.perf_counter()
        with transaction.atomic():
            load_large()
        print(f"large data set loaded in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure_one(scenario: str) -> dict:
    """In this (fresh) process: generate the scenario's Q3/2025 report as the worker does."""
    django.setup()
    from jobs.services import job_enqueue, job_execute
    from reports.models import Report
    from steering.models import Committee

    committee = (
        Committee.objects.get(name=LARGE)
        if scenario == "large"
        else Committee.objects.get(level="province", tasks__code="57-001")
    )
    report = Report(
        committee=committee,
        kind=Report.Kind.QUARTERLY,
        period_start=Q3_START,
        period_end=Q3_END,
        as_of=Q3_END,
    )
    job_enqueue(report, send=False)
    wall, cpu = time.perf_counter(), time.process_time()
    job_execute("reports.Report", report.pk)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    return {
        "seconds": wall,
        "cpu": cpu,
        "pages": report.pages,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "tasks": report.snapshot["summary"]["total"]["value"],
        "agencies": len(report.snapshot["agencies"]),
        "communes": (report.snapshot["communes"] or {}).get("totals", {}).get("communes", 0),
        "pdf_kb": report.pdf.size / 1024,
    }


def run(scenario: str) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--measure", scenario],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_national() -> dict:
    """The 34 provincial reports by two Celery workers (bench/report_national.py)."""
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "report_national.py")],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
    )
    if done.returncode:
        sys.exit(f"bench/report_national.py failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def national_lines(n: dict) -> str:
    ok = n["seconds"] < NATIONAL_TARGET
    return "\n".join(
        [
            "| reports | workers | tasks | pages (largest) | wall s | s per report per worker "
            "| longest report s |",
            "|---:|---:|---:|---:|---:|---:|---:|",
            f"| {n['reports']} | {n['workers']} | {n['tasks']:,} | {n['pages']:,} "
            f"({n['max_pages']}) | {n['seconds']:.1f} | {n['per_report']:.2f} "
            f"| {n['longest']:.1f} |",
            "",
            f"- national: {n['reports']} provincial reports in {n['seconds']:.1f} s on "
            f"{n['workers']} workers; target < {NATIONAL_TARGET:.0f} s: "
            f"**{'met' if ok else 'NOT met'}**",
        ]
    )


def table(results: dict) -> str:
    lines = [
        "| report | tasks | agencies | communes | pages | worker s | CPU s | ms/page | "
        "peak MB | PDF KB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['tasks']:,} | {r['agencies']:,} | {r['communes']:,} | {r['pages']} "
            f"| {r['seconds']:.2f} | {r['cpu']:.2f} | {1000 * r['seconds'] / r['pages']:.0f} "
            f"| {r['peak_mb']:.0f} | {r['pdf_kb']:.0f} |"
        )
    return "\n".join(lines)


def verdicts(results: dict) -> str:
    lines = []
    for name, (seconds, mb) in TARGETS.items():
        r = results[name]
        ok = r["seconds"] < seconds and (mb is None or r["peak_mb"] < mb)
        limit = f"< {seconds:.0f} s" + (f" and < {mb} MB" if mb else "")
        lines.append(
            f"- {name}: {r['seconds']:.2f} s, {r['peak_mb']:.0f} MB; target {limit}: "
            f"**{'met' if ok else 'NOT met'}**"
        )
    return "\n".join(lines)


def write_results(results: dict, runs: list[float], national: dict | None) -> None:
    stamp = timestamp()
    body = "\n".join(
        [
            SECTION,
            "",
            f"Date: {stamp}. Machine: 2 cores, shared and noisy: compare ratios, not absolutes "
            f"(load average when written: {', '.join(f'{n:.1f}' for n in os.getloadavg())}; "
            "the CPU seconds are less sensitive to the load than the wall time).",
            f"PostgreSQL database `{DB_NAME}` on 127.0.0.1. Each report generated in a fresh "
            "process by `jobs.services.job_execute` (what the Celery worker runs): "
            "figures replayed from the log as of 30/09/2025, PDF (WeasyPrint; long tables laid "
            "out in parts of at most 500 rows, merged with pypdf), .docx and .xlsx; peak "
            "memory is that process's `ru_maxrss`. Demo: median of 3 runs "
            f"({', '.join(f'{s:.2f}' for s in runs)} s); large: 1 run.",
            "",
            "```",
            COMMAND,
            "```",
            "",
            table(results),
            "",
            "Targets (issue 12):",
            "",
            verdicts(results),
            "",
            "### 34 provincial reports by two Celery workers (national data set)",
            "",
            "Database `bench_national` (bench/national.py), a private redis-server and two Celery "
            "workers of one process each (tests/processes.py); the 34 Q3/2025 reports requested "
            "at once, timed from the requests to the last one done (bench/report_national.py, "
            "run by the command above).",
            "",
            national_lines(national) if national else "(not run: `--no-national`)",
            "",
        ]
    )
    replace_section(SECTION, body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="drop and regenerate the data")
    parser.add_argument("--measure", choices=["demo", "large"], help=argparse.SUPPRESS)
    parser.add_argument("--no-national", action="store_true", help="skip the Celery run")
    args, _unknown = parser.parse_known_args()  # bench/run.py passes every option to all
    if args.measure:
        print(json.dumps(measure_one(args.measure)))
        return

    ensure_database(DB_NAME, args.rebuild)
    django.setup()
    load_data()
    demo_runs = [run("demo") for _ in range(3)]
    seconds = [r["seconds"] for r in demo_runs]
    demo = next(r for r in demo_runs if r["seconds"] == statistics.median(seconds))
    results = {"demo": demo, "large": run("large")}
    print(table(results))
    print(verdicts(results))
    national = None if args.no_national else run_national()
    if national:
        print(national_lines(national))
    write_results(results, seconds, national)
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
