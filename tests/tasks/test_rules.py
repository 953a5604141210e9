"""The rules of ``tasks.rules``: each database form agrees with its Python twin on every case."""

from datetime import date, datetime, timedelta
from itertools import product

from django.utils import timezone

from tasks.models import Assignment, Field, Task
from tasks.rules import agency_counts, end_of, field_counts, field_rows, lead_overdue
from tasks.selectors import agency_table, by_field
from tasks.services import task_refresh
from tasks.status import Status, categorize, task_deadline

DEADLINE = date(2025, 8, 15)
TODAYS = [DEADLINE - timedelta(days=6), DEADLINE, DEADLINE + timedelta(days=6)]
LEAD_STATUSES = [Status.NOT_STARTED, Status.IN_PROGRESS, Status.AWAITING, Status.COMPLETED]
LEAD_DUES = [None, DEADLINE - timedelta(days=5), DEADLINE, DEADLINE + timedelta(days=5)]


def _task(committee, i: int, **fields) -> Task:
    fields = {"title": "t", "field": Field.INNOVATION, "due_date": DEADLINE, **fields}
    return Task.objects.create(committee=committee, code=f"T-{i}", **fields)


def _lead(task, agency, status, due) -> Assignment:
    completed_on = DEADLINE if status == Status.COMPLETED else None
    return Assignment.objects.create(
        task=task, agency=agency, status=status, due_date=due, completed_on=completed_on
    )


def test_the_end_of_day_counts_what_was_recorded_that_local_day(committee):
    """``created_at < end_of(day)`` in the database is "recorded on or before ``day``" by the
    local calendar, to the last instant before midnight."""
    midnight = timezone.make_aware(datetime(2025, 8, 16))
    instants = [midnight - timedelta(days=1), midnight - timedelta(microseconds=1), midnight]
    for i, instant in enumerate(instants):
        Task.objects.filter(pk=_task(committee, i).pk).update(created_at=instant)
    for day in (DEADLINE - timedelta(days=1), DEADLINE, DEADLINE + timedelta(days=1)):
        recorded = set(Task.objects.filter(created_at__lt=end_of(day)).values_list("pk", flat=True))
        local = {t.pk for t in Task.objects.all() if timezone.localdate(t.created_at) <= day}
        assert recorded == local, day
    assert Task.objects.filter(created_at__lt=end_of(DEADLINE)).count() == 2


def test_overdue_leads_agree_between_the_database_and_python(committee, agency_a, agency_b):
    """A task's category in the database (through ``earliest_lead_due``) is the one
    ``categorize`` gives with ``lead_overdue`` over its leads, for every pair of leads."""
    cases = product(LEAD_STATUSES, LEAD_DUES, LEAD_STATUSES, LEAD_DUES)
    for i, (status_a, due_a, status_b, due_b) in enumerate(cases):
        task = _task(committee, i)
        _lead(task, agency_a, status_a, due_a)
        _lead(task, agency_b, status_b, due_b)
        task_refresh(task)
    leads = list(Assignment.objects.values_list("task_id", "status", "due_date"))
    for today in TODAYS:
        late = {pk for pk, status, due in leads if lead_overdue(status, due, today)}
        for task in Task.objects.with_timeliness(today):
            deadline = task_deadline(task.due_date, task.extended_due)
            expected = categorize(task.status, deadline, task.completed_on, today, task.pk in late)
            assert task.category == expected, (task.code, today)


def test_agency_counts_agree_between_the_database_and_python(
    committee, agency_a, agency_b, commune_agency
):
    """The agency table's counts from the database equal ``agency_counts`` over each lead's
    category computed in Python (its own deadline, or else the task's)."""
    agencies = [agency_a, agency_b, commune_agency]
    cases = product(LEAD_STATUSES, LEAD_DUES, [None, DEADLINE])
    for i, (status, due, task_due) in enumerate(cases):
        task = _task(committee, i, due_date=task_due)
        _lead(task, agencies[i % len(agencies)], status, due)
    tasks = Task.objects.filter(committee=committee)
    leads = list(Assignment.objects.select_related("task"))
    for today in TODAYS:
        live = {row["agency_id"]: row for row in agency_table(tasks, today)}
        assert set(live) == {agency.pk for agency in agencies}
        for agency in agencies:
            categories = [
                categorize(
                    lead.status, lead.due_date or lead.task.due_date, lead.completed_on, today
                )
                for lead in leads
                if lead.agency_id == agency.pk
            ]
            row = live[agency.pk]
            assert {key: row[key] for key in ("led", "completed", "on_time", "overdue")} == (
                agency_counts(categories)
            ), (agency, today)


def test_field_counts_agree_between_the_database_and_python(committee):
    fields = [Field.INNOVATION, Field.DIGITAL_GOVERNMENT, Field.DIGITAL_ECONOMY]
    for i, (field, status) in enumerate(product(fields, Status.values)):
        for j in range(fields.index(field) + 1):
            _task(committee, 10 * i + j, field=field, status=status)
    tasks = Task.objects.filter(committee=committee)
    python = field_rows(field_counts(tasks.values_list("field", "status")))
    assert by_field(tasks) == python
    assert [row["total"] for row in python] == [15, 10, 5]
    assert all(row["completed"] == row["total"] // 5 for row in python)
