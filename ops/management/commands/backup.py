from pathlib import Path

from django.core.management.base import BaseCommand

from ops.backup import backup


class Command(BaseCommand):
    help = (
        "Back up the portal into a new directory: the PostgreSQL database (pg_dump, custom "
        "format), the uploaded files (MEDIA_ROOT) and a manifest of checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="a new or empty directory")

    def handle(self, directory: Path, **options):
        manifest = backup(directory)
        media = manifest["media"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up database {manifest['database']['name']} and {media['files']} "
                f"files ({media['bytes']} bytes) into {directory}"
            )
        )
