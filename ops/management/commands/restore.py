from pathlib import Path

from django.core.management.base import BaseCommand

from ops.backup import restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty database and an empty "
        "media directory (MEDIA_ROOT); --force replaces what is there."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="a directory written by backup")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the tables of a non-empty database and write over existing files",
        )

    def handle(self, directory: Path, force: bool, **options):
        manifest = restore(directory, force=force)
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest['created_at']} "
                f"({manifest['media']['files']} files). Run `manage.py migrate` if this "
                "portal is newer than the backup."
            )
        )
