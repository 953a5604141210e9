from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from communes import demo as communes_demo
from steering import demo
from tasks import demo as tasks_demo

SHORT_NAMES = {
    demo.CENTRAL_NAME: "Trung ương",
    demo.GIA_LAI_NAME: "Tỉnh Gia Lai",
    demo.TUYEN_QUANG_NAME: "Tỉnh Tuyên Quang",
    demo.PLEIKU_NAME: "Phường Pleiku (Gia Lai)",
}


class Command(BaseCommand):
    help = (
        "Load the demo committees (central, Gia Lai, Tuyên Quang, Pleiku ward: agencies, "
        "documents, meetings, communes, tasks, one login per role). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-tasks",
            action="store_true",
            help="Skip the task registers and their histories (faster, e.g. in tests).",
        )

    def handle(self, *args, **options):
        today = timezone.localdate()  # the demo's history runs up to the seed day
        with transaction.atomic():
            loaded = demo.seed(today)
            communes_demo.seed(loaded, today)
            if not options["without_tasks"]:
                tasks_demo.seed(loaded, today)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        committee = None
        for login in loaded.logins:
            if login.committee != committee:
                committee = login.committee
                self.stdout.write(f"  {committee.name}:")
                short = SHORT_NAMES.get(committee.name, committee.name)
            self.stdout.write(
                f"    {login.username:<15} {login.role:<38} {short}"
                + (f" · {login.agency}" if login.agency else "")
            )
