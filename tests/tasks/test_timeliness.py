"""Categories around deadline boundaries, and the database rule agreeing with the Python rule."""

from datetime import date, timedelta
from itertools import product

import pytest

from tasks.models import Assignment, Task
from tasks.status import Category, Status, categorize, is_due_soon, task_deadline

DEADLINE = date(2025, 8, 15)


@pytest.mark.parametrize(
    "status, today, completed_on, expected",
    [
        (Status.NOT_STARTED, DEADLINE, None, Category.NOT_STARTED_ON_TIME),
        (Status.NOT_STARTED, DEADLINE + timedelta(days=1), None, Category.NOT_STARTED_OVERDUE),
        (Status.IN_PROGRESS, DEADLINE, None, Category.IN_PROGRESS_ON_TIME),
        (Status.IN_PROGRESS, DEADLINE + timedelta(days=1), None, Category.IN_PROGRESS_OVERDUE),
        (Status.AWAITING, DEADLINE + timedelta(days=1), None, Category.IN_PROGRESS_OVERDUE),
        (Status.COMPLETED, date(2026, 1, 1), DEADLINE, Category.COMPLETED_ON_TIME),
        (Status.COMPLETED, date(2026, 1, 1), DEADLINE + timedelta(1), Category.COMPLETED_LATE),
        (Status.CANCELLED, date(2026, 1, 1), None, Category.CANCELLED),
    ],
)
def test_the_deadline_day_counts_as_on_time(status, today, completed_on, expected):
    assert categorize(status, DEADLINE, completed_on, today) == expected


def test_no_deadline_is_its_own_category_until_completed():
    assert categorize(Status.IN_PROGRESS, None, None, date(2030, 1, 1)) == Category.NO_DEADLINE
    assert categorize(Status.COMPLETED, None, date(2025, 1, 1), date(2030, 1, 1)) == (
        Category.COMPLETED_ON_TIME
    )


def test_due_soon_is_within_three_days_and_only_for_open_work():
    assert is_due_soon(Status.IN_PROGRESS, DEADLINE, DEADLINE - timedelta(days=3))
    assert not is_due_soon(Status.IN_PROGRESS, DEADLINE, DEADLINE - timedelta(days=4))
    assert not is_due_soon(Status.IN_PROGRESS, DEADLINE, DEADLINE + timedelta(days=1))
    assert not is_due_soon(Status.AWAITING, None, DEADLINE)
    assert not is_due_soon(Status.COMPLETED, DEADLINE, DEADLINE)


def test_database_categories_agree_with_python_on_every_case(committee, agency_a):
    """The annotation and ``categorize`` are two writings of one rule: they must agree."""
    deadlines = [None, DEADLINE]
    completions = [None, DEADLINE, DEADLINE + timedelta(days=1)]
    # Extensions granted to a lead: none, an earlier date (never wins), a later one.
    extensions = [None, DEADLINE - timedelta(days=2), DEADLINE + timedelta(days=2)]
    todays = [DEADLINE - timedelta(days=3), DEADLINE, DEADLINE + timedelta(days=1)]
    cases = []
    for i, (status, deadline, completed_on, extended) in enumerate(
        product(Status.values, deadlines, completions, extensions)
    ):
        task = Task.objects.create(
            committee=committee,
            code=f"T-{i}",
            title="t",
            field="innovation",
            status=status,
            due_date=deadline,
            completed_on=completed_on,
            extended_due=extended,
        )
        Assignment.objects.create(task=task, agency=agency_a, status=status, due_date=deadline)
        cases.append((task.pk, status, deadline, completed_on, extended))
    for today in todays:
        tasks = {t.pk: t for t in Task.objects.with_timeliness(today)}
        assignments = {a.task_id: a for a in Assignment.objects.with_timeliness(today)}
        for pk, status, deadline, completed_on, extended in cases:
            task_due = task_deadline(deadline, extended)
            expected = categorize(status, task_due, completed_on, today)
            assert tasks[pk].category == expected, (status, deadline, completed_on, extended)
            assert tasks[pk].due_soon == is_due_soon(status, task_due, today)
            assert assignments[pk].due_soon == is_due_soon(status, deadline, today)


def test_a_task_is_overdue_when_a_lead_misses_its_own_earlier_deadline(make_task, agency_a):
    task = make_task(leads=[agency_a], deadline="31/12/2025")
    from tasks import services

    Assignment.objects.filter(task=task).update(due_date=date(2025, 8, 15))
    services.task_refresh(task)
    annotated = Task.objects.with_timeliness(date(2025, 9, 1)).get(pk=task.pk)
    assert annotated.category == Category.NOT_STARTED_OVERDUE
