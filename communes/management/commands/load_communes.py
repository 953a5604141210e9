from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from communes import services


class Command(BaseCommand):
    help = (
        "Load a province's communes and wards from the official list (vietnam-provinces, after "
        "the July 2025 reorganisation), each with its People's Committee as an agency. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help='e.g. "Gia Lai"')

    def handle(self, *args, province, **options):
        try:
            created, updated = services.communes_load(province=province)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"{province}: {created} communes created, {updated} updated.")
        )
