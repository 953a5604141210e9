"""Backup and restore of the portal: a PostgreSQL dump (pg_dump's custom format) and a tar of
the uploaded files (MEDIA_ROOT), with a manifest of checksums.

A backup directory holds ``database.dump``, ``media.tar.gz`` and ``manifest.json``.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

DUMP = "database.dump"
MEDIA = "media.tar.gz"
MANIFEST = "manifest.json"
FORMAT = 1


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def postgres() -> dict:
    """The default database's settings; backups need PostgreSQL."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise CommandError(
            "Backup and restore need PostgreSQL (DATABASE_URL). The embedded SQLite "
            "database is one file: copy it while the portal is stopped."
        )
    return database


def run(program: str, *args: str) -> None:
    """Run pg_dump or pg_restore with the connection in libpq's environment variables, so the
    password never appears in a process list."""
    database = postgres()
    executable = shutil.which(program)
    if not executable:
        raise CommandError(f"{program} is not installed (Debian: apt install postgresql-client).")
    env = {
        **os.environ,
        "PGHOST": str(database.get("HOST") or ""),
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": str(database.get("USER") or ""),
        "PGPASSWORD": str(database.get("PASSWORD") or ""),
        "PGDATABASE": str(database["NAME"]),
    }
    done = subprocess.run([executable, *args], env=env, capture_output=True, text=True)
    if done.returncode:
        raise CommandError(f"{program} failed:\n{done.stderr.strip()}")


def media_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def backup(directory: Path) -> dict:
    """Write a backup into ``directory`` (new or empty); answers the manifest."""
    postgres()
    if directory.exists() and any(directory.iterdir()):
        raise CommandError(f"{directory} is not empty; give a new directory for each backup.")
    directory.mkdir(parents=True, exist_ok=True)
    run("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={directory / DUMP}")
    media_root = Path(settings.MEDIA_ROOT)
    files = media_files(media_root)
    with tarfile.open(directory / MEDIA, "w:gz") as archive:
        for path in files:
            archive.add(path, arcname=str(path.relative_to(media_root)))
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "database": {
            "name": settings.DATABASES["default"]["NAME"],
            "file": DUMP,
            "sha256": sha256(directory / DUMP),
        },
        "media": {
            "files": len(files),
            "bytes": sum(p.stat().st_size for p in files),
            "file": MEDIA,
            "sha256": sha256(directory / MEDIA),
        },
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def read_manifest(directory: Path) -> dict:
    """The manifest, once both files are found intact."""
    try:
        manifest = json.loads((directory / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise CommandError(f"{directory} is not a portal backup: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise CommandError(f"Unknown backup format {manifest.get('format')!r}.")
    for part in ("database", "media"):
        path = directory / manifest[part]["file"]
        if not path.is_file() or sha256(path) != manifest[part]["sha256"]:
            raise CommandError(f"{path} is missing or damaged (its checksum differs).")
    return manifest


def restore(directory: Path, force: bool = False) -> dict:
    """Restore a backup into the configured database and MEDIA_ROOT, which must be empty
    unless ``force`` (then the backup's tables replace the database's, its files are written
    over the media directory's). Answers the manifest."""
    postgres()
    manifest = read_manifest(directory)
    tables = connection.introspection.table_names()
    media_root = Path(settings.MEDIA_ROOT)
    existing = media_files(media_root)
    if not force and tables:
        raise CommandError(
            f"The database {settings.DATABASES['default']['NAME']} is not empty ({len(tables)} "
            "tables). Restore into an empty database, or pass --force to replace its data."
        )
    if not force and existing:
        raise CommandError(
            f"{media_root} already holds {len(existing)} files. Restore into an empty media "
            "directory, or pass --force to write over it."
        )
    connection.close()
    replace = ["--clean", "--if-exists"] if tables else []
    run(
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        *replace,
        f"--dbname={settings.DATABASES['default']['NAME']}",
        str(directory / DUMP),
    )
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(directory / MEDIA, "r:gz") as archive:
        archive.extractall(media_root, filter="data")
    return manifest
