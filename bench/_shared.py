"""Helpers shared by the benchmark scripts of this folder (not a benchmark itself).

Each script imports it first (``bench/`` is on ``sys.path`` when a script runs), then calls
``use_database(name)`` before ``django.setup()``.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SERVER_URL = "postgres://postgres@127.0.0.1:5432"
RESULTS = ROOT / "bench" / "RESULTS.md"
BATCH = 2_000


def use_database(name: str) -> None:
    """Point Django at the PostgreSQL database ``name`` on 127.0.0.1 (before django.setup)."""
    os.environ["DATABASE_URL"] = f"{SERVER_URL}/{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")


def ensure_database(name: str, rebuild: bool) -> None:
    """Create the database ``name`` when missing (drop it first when ``rebuild``)."""
    with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as conn:
        if rebuild:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def bulk(model, objects: list, batch: int = BATCH) -> list:
    return model.objects.bulk_create(objects, batch_size=batch)


def copy_rows(table: str, columns: list[str], rows) -> int:
    """Write ``rows`` (tuples in the order of ``columns``) into ``table`` with PostgreSQL's COPY,
    on Django's connection (so inside the caller's transaction); returns the row count."""
    from django.db import connection

    count = 0
    with connection.cursor() as cursor:
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    return count


def reset_sequence(table: str) -> None:
    """Move the id sequence of ``table`` past the ids written explicitly (by ``copy_rows``)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
        )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_calls(call, warmup: int = 5, runs: int = 30) -> tuple[float, float, int, float]:
    """(median ms, p90 ms, SQL queries, SQL ms) of ``call`` after ``warmup`` calls.

    The queries are counted on one extra call under ``CaptureQueriesContext``, so the capture
    does not slow the timed ones."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        call()
    with CaptureQueriesContext(connection) as captured:
        call()
    # Copy now: every request resets connection.queries (request_started signal).
    queries = list(captured.captured_queries)
    sql_ms = 1000 * sum(float(query["time"]) for query in queries)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    median, p90 = statistics.median(times), percentile(times, 0.9)
    return median, p90, len(queries), sql_ms


# Pieces of realistic Vietnamese task titles; one in four titles mentions "chuyển đổi số".
TITLE_VERBS = [
    "Triển khai",
    "Xây dựng",
    "Hoàn thiện",
    "Đẩy mạnh",
    "Rà soát",
    "Tổ chức",
    "Nâng cấp",
    "Số hóa",
    "Đánh giá",
    "Ban hành",
]
TITLE_OBJECTS = [
    "hạ tầng số cấp xã",
    "dữ liệu hộ tịch",
    "hồ sơ đất đai",
    "dịch vụ công trực tuyến toàn trình",
    "nền tảng tích hợp dữ liệu Đề án 06",
    "chương trình Bình dân học vụ số",
    "khu công nghệ thông tin tập trung",
    "đào tạo nhân lực bán dẫn và trí tuệ nhân tạo",
    "giáo dục STEM trong trường phổ thông",
    "an toàn thông tin mạng",
    "thủ tục hành chính",
    "cơ sở dữ liệu chuyên ngành",
]
TITLE_CONTEXTS = [
    "chuyển đổi số",
    "khoa học, công nghệ và đổi mới sáng tạo",
    "cải cách hành chính",
    "kinh tế số",
    "xã hội số",
    "chính quyền số",
    "phát triển nguồn nhân lực",
    "hạ tầng viễn thông",
]


def task_title(rng, number: int) -> str:
    """A plausible task title; one in four mentions "chuyển đổi số" (the search benchmark)."""
    context = "chuyển đổi số" if rng.random() < 0.25 else rng.choice(TITLE_CONTEXTS)
    return (
        f"{rng.choice(TITLE_VERBS)} {rng.choice(TITLE_OBJECTS)} phục vụ {context} (bench {number})"
    )


def timestamp() -> str:
    """The output of ``date``, for the "Date:" line of a section."""
    return subprocess.run(["date"], capture_output=True, text=True, check=True).stdout.strip()


def replace_section(section_title: str, text: str) -> None:
    """Replace the section ``section_title`` of RESULTS.md by ``text``, keeping the others."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmarks\n"
    start = old.find(section_title)
    if start == -1:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        end = old.find("\n## ", start + len(section_title))
        rest = old[end + 1 :] if end != -1 else ""
        new = old[:start] + text + ("\n" + rest if rest else "")
    RESULTS.write_text(new.rstrip("\n") + "\n", encoding="utf-8")
