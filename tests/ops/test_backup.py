"""Back up a filled portal, restore it into a new empty database and media directory, and
find the same rows and the same file bytes."""

import subprocess
import sys
import uuid
from datetime import date

import psycopg
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from tasks import services
from tasks.models import Evidence
from tests.factories import DocumentFactory, MeetingFactory
from tests.ops.servers import portal_env

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + bytes(range(256)) * 40
MAIN_TABLES = [
    "auth_user",
    "steering_committee",
    "steering_agency",
    "steering_document",
    "steering_meeting",
    "tasks_task",
    "tasks_assignment",
    "tasks_progressupdate",
    "tasks_evidence",
]


def server_url(name: str) -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{name}"


@pytest.fixture
def empty_database():
    """A new, empty database on the test server, dropped afterwards."""
    name = f"ops_restore_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(server_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def counts(cursor, tables) -> dict[str, int]:
    return {t: cursor.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def manage(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


# pg_dump must see the rows: they are committed (pytest-django runs such tests after the
# others, whose data the flush afterwards would otherwise remove).
@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_database(
    tmp_path, settings, make_task, agency_a, officer_a, empty_database
):
    settings.MEDIA_ROOT = tmp_path / "media"
    DocumentFactory()
    MeetingFactory()
    task = make_task("Số hóa hồ sơ hộ tịch", leads=[agency_a], deadline="Quý III/2025")
    services.progress_log(
        assignment=task.assignments.get(),
        user=officer_a,
        percent=40,
        completed=False,
        note="Đã số hóa 40% hồ sơ",
        effective_date=date(2025, 8, 1),
        files=[SimpleUploadedFile("ke-hoach.pdf", PDF_BYTES, "application/pdf")],
    )
    evidence = Evidence.objects.get()

    call_command("backup", str(tmp_path / "backup"))

    restored_media = tmp_path / "restored-media"
    env = portal_env(DATABASE_URL=server_url(empty_database), MEDIA_ROOT=str(restored_media))
    done = manage(env, "restore", str(tmp_path / "backup"))
    assert done.returncode == 0, done.stderr

    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        before = counts(cursor.cursor, tables)
    with psycopg.connect(server_url(empty_database)) as restored:
        after = counts(restored.cursor(), tables)
    assert after == before
    assert all(before[t] > 0 for t in MAIN_TABLES)
    assert (restored_media / evidence.file.name).read_bytes() == PDF_BYTES

    # A second restore would overwrite: refused, the restored data untouched.
    again = manage(env, "restore", str(tmp_path / "backup"))
    assert again.returncode != 0 and "--force" in again.stderr
    with psycopg.connect(server_url(empty_database)) as restored:
        assert counts(restored.cursor(), MAIN_TABLES) == {t: before[t] for t in MAIN_TABLES}


@pytest.mark.django_db
def test_a_damaged_backup_is_refused_before_anything_changes(
    tmp_path, settings, agency_a, empty_database
):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("backup", str(tmp_path / "backup"))
    dump = tmp_path / "backup" / "database.dump"
    dump.write_bytes(dump.read_bytes()[:-100])
    env = portal_env(DATABASE_URL=server_url(empty_database), MEDIA_ROOT=str(tmp_path / "new"))
    done = manage(env, "restore", str(tmp_path / "backup"))
    assert done.returncode != 0 and "damaged" in done.stderr
    with psycopg.connect(server_url(empty_database)) as untouched:
        tables = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        assert untouched.execute(tables).fetchone()[0] == 0
