from django.core.management.base import BaseCommand
from django.db import transaction

from communes import demo as communes_demo
from steering import demo
from tasks import demo as tasks_demo


class Command(BaseCommand):
    help = (
        "Load the demo province (committee, agencies, documents, meetings, tasks, "
        "one login per role). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-tasks",
            action="store_true",
            help="Skip the 147-task register and its histories (faster, e.g. in tests).",
        )

    def handle(self, *args, **options):
        with transaction.atomic():
            committee, accounts = demo.seed()
            if not options["without_tasks"]:
                tasks_demo.seed(committee)
            communes_demo.seed()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        for username, role in accounts:
            self.stdout.write(f"  {username:<14} {role}")
