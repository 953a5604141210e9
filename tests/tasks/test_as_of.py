"""The register as of a past date is replayed from the log and does not change later."""

from datetime import date, datetime

import time_machine
from django.utils import timezone

from tasks import selectors, services
from tasks.models import Task
from tasks.status import Category


def at(day: date):
    return time_machine.travel(timezone.make_aware(datetime(day.year, day.month, day.day, 10)))


def test_status_as_of_a_past_date_ignores_what_came_after(make_task, secretariat, agency_a):
    with at(date(2025, 7, 1)):
        task = make_task("Số hóa hồ sơ hộ tịch", leads=[agency_a], deadline="Quý III/2025")
    lead = task.assignments.get()
    with at(date(2025, 8, 20)):
        services.progress_log(
            assignment=lead,
            user=secretariat,
            percent=60,
            completed=False,
            note="60%",
            effective_date=date(2025, 8, 20),
        )
    q3_end = date(2025, 9, 30)
    before = selectors.as_of(Task.objects.all(), q3_end)
    assert before[0].category == Category.IN_PROGRESS_ON_TIME and before[0].state.percent == 60

    # In Q4 the agency reports completion, back-dated into Q3, and it is confirmed.
    with at(date(2025, 10, 20)):
        services.progress_log(
            assignment=lead,
            user=secretariat,
            percent=100,
            completed=True,
            note="Xong",
            effective_date=date(2025, 9, 28),
        )
        services.completion_confirm(assignment=lead, user=secretariat)
    again = selectors.as_of(Task.objects.all(), q3_end)
    assert again[0].category == before[0].category and again[0].state == before[0].state
    later = selectors.as_of(Task.objects.all(), date(2025, 10, 31))
    assert later[0].category == Category.COMPLETED_ON_TIME


def test_as_of_agrees_with_the_live_register_today(make_task, complete, agency_a, agency_b):
    with at(date(2025, 7, 1)):
        done = make_task("A", leads=[agency_a], deadline="15/07/2025")
        make_task("B", leads=[agency_b], deadline="15/07/2025")
        make_task("C", leads=[agency_b], deadline="Thường xuyên")
        complete(done.assignments.get(), date(2025, 7, 1))
    with at(date(2025, 9, 1)):
        today = timezone.localdate()
        live = selectors.category_summary(Task.objects.all(), today)
        replayed = selectors.summary_as_of(Task.objects.all(), today)
    assert live.counts == replayed.counts
    assert live.counts["completed_on_time"] == 1 and live.counts["not_started_overdue"] == 1
