"""Helpers shared by the benchmark scripts of this folder (not a benchmark itself).

Each script imports it first (``bench/`` is on ``sys.path`` when a script runs), then calls
``use_database(name)`` before ``django.setup()``.
"""

import os
import subprocess
import sys
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
