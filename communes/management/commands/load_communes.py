from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from communes import services
from steering.models import Committee


class Command(BaseCommand):
    help = (
        "Load a province's communes and wards from the official list (vietnam-provinces, after "
        "the July 2025 reorganisation), each with its People's Committee as an agency of the "
        "province's steering committee (the one whose province code matches). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help='e.g. "Gia Lai"')

    def handle(self, *args, province, **options):
        try:
            code = int(services.province_of(province).code)
            committee = Committee.objects.filter(province_code=code).order_by("id").first()
            if committee is None:
                raise CommandError(
                    f"No steering committee follows {province} (province code {code}): "
                    "create it, with that province code, first."
                )
            created, updated = services.communes_load(committee=committee, province=province)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"{province}: {created} communes created, {updated} updated.")
        )
