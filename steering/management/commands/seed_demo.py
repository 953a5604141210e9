from django.core.management.base import BaseCommand
from django.db import transaction

from steering import demo


class Command(BaseCommand):
    help = (
        "Load the demo province (committee, agencies, documents, meetings, tasks, "
        "one login per role). Idempotent."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            accounts = demo.seed()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        for username, role in accounts:
            self.stdout.write(f"  {username:<14} {role}")
