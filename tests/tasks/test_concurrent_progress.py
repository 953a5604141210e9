"""Two agencies leading one task report at the same moment: the task's roll-up counts both."""

import threading
import time
from datetime import date

from django.db import connection, transaction

from tasks import services
from tasks.models import Task


def report(assignment, user, percent):
    services.progress_log(
        assignment=assignment,
        user=user,
        percent=percent,
        completed=False,
        note="Đang triển khai",
        effective_date=date(2025, 8, 1),
    )


def test_simultaneous_reports_on_one_task_both_reach_its_rollup(
    transactional_db, make_task, secretariat, agency_a, agency_b
):
    task = make_task("Chuyển đổi số liên thông", leads=[agency_a, agency_b], deadline="31/12/2025")
    first, second = task.assignments.order_by("agency__name")
    reported = threading.Event()

    def first_agency():
        try:
            with transaction.atomic():
                report(first, secretariat, 80)
                reported.set()
                time.sleep(1)  # the second report arrives while this one is uncommitted
        finally:
            connection.close()

    thread = threading.Thread(target=first_agency)
    thread.start()
    reported.wait(10)
    report(second, secretariat, 20)
    thread.join()

    assert Task.objects.get(pk=task.pk).percent == 50  # the mean of both leads
