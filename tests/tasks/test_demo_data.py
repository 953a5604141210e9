"""The demo register reproduces the province's figures, today and as of its Q3/2025 review."""

import io
from datetime import date, datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F, Max, Min
from django.utils import timezone

from steering.models import Agency, Committee
from tasks.demo import COMMUNE_TASK
from tasks.models import Assignment, ProgressUpdate, Task
from tasks.selectors import as_of, category_summary, summary_as_of
from tasks.status import Category, Status

Q3_END = date(2025, 9, 30)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Seed once for the module inside a transaction that is rolled back afterwards."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", stdout=io.StringIO())
            yield
            transaction.set_rollback(True)


@pytest.fixture
def register(demo, db):
    committee = Committee.objects.get(level=Committee.Level.PROVINCE)
    return Task.objects.filter(committee=committee)


def assert_figures(summary):
    assert (summary.total, summary.completed, summary.in_progress, summary.not_started) == (
        147,
        76,
        68,
        3,
    )
    assert summary.counts[Category.COMPLETED_LATE] > 0
    assert summary.overdue > 0
    assert summary.counts[Category.NO_DEADLINE] == summary.counts[Category.CANCELLED] == 0


def test_figures_today(register):
    assert_figures(category_summary(register, timezone.localdate()))


def test_figures_as_of_q3_review(register):
    assert_figures(summary_as_of(register, Q3_END))


def test_replayed_state_matches_stored_state(register):
    replayed = {
        item.task.pk: (item.state.status, item.state.percent) for item in as_of(register, Q3_END)
    }
    assert replayed == {t.pk: (t.status, t.percent) for t in register}


def test_commune_task_has_97_of_135_leads_done(register):
    task = register.get(title=COMMUNE_TASK)
    assert task.deadline_text == "Trước 15/8/2025"
    leads = task.assignments.filter(role=Assignment.Role.LEAD)
    assert leads.count() == Agency.objects.filter(kind=Agency.Kind.COMMUNE).count() == 135
    assert set(leads.values_list("agency__kind", flat=True)) == {Agency.Kind.COMMUNE}
    done = leads.filter(status=Status.COMPLETED)
    assert done.count() == 97
    assert done.filter(completed_on__gt=task.due_date).exists()
    assert done.filter(completed_on__lte=task.due_date).count() > 80
    assert task.status == Status.IN_PROGRESS
    (item,) = as_of(register.filter(pk=task.pk), Q3_END)
    assert (item.leads_done, item.leads_total) == (97, 135)
    assert item.category == Category.IN_PROGRESS_OVERDUE


def test_histories_run_from_early_2025_to_q3(register):
    updates = ProgressUpdate.objects.filter(assignment__task__in=register)
    end = timezone.make_aware(datetime.combine(Q3_END + timedelta(days=1), time.min))
    span = updates.aggregate(first=Min("created_at"), last=Max("created_at"))
    assert span["first"] < timezone.make_aware(datetime(2025, 3, 1))
    assert span["last"] < end
    assert not updates.filter(effective_date__gt=Q3_END).exists()
    assert updates.filter(kind=ProgressUpdate.Kind.RETURN).exists()
    assert not register.filter(created_at__gte=end).exists()
    assert not updates.filter(created_at__lt=F("assignment__task__created_at")).exists()


def test_second_run_changes_nothing(register):
    before = (register.count(), ProgressUpdate.objects.count(), Assignment.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (register.count(), ProgressUpdate.objects.count(), Assignment.objects.count()) == before
