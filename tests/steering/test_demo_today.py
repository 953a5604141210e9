"""The demo lives in the day it is seeded: as of 30/09/2025 it reproduces the seeds (147 tasks:
76 completed, 68 in progress, 3 not started), and on the seed day it looks like a live register
(a minority of the open work overdue, recent updates, requests at every step, nothing dated
after the day but deadlines and the next meeting). Seeded on two days, each once for the module."""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from communes.demo import TITLE
from communes.models import Allocation, Disbursement, InvestmentRequest, TransitionLog
from communes.workflow import Status as RequestStatus
from notifications.models import Notification
from steering.demo import GIA_LAI_NAME
from steering.models import Committee, IndicatorValue, Meeting
from tasks.models import Assignment, Extension, ProgressUpdate, Task
from tasks.selectors import category_summary, summary_as_of
from tasks.status import task_deadline

Q3_END = date(2025, 9, 30)
SEED_DAYS = [date(2026, 12, 1), date(2027, 6, 15)]


def counts() -> dict:
    models = [Task, Assignment, ProgressUpdate, Extension, Notification, Meeting, IndicatorValue]
    models += [InvestmentRequest, TransitionLog, Allocation, Disbursement, get_user_model()]
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture(scope="module", params=SEED_DAYS, ids=str)
def seeded(request, django_db_setup, django_db_blocker):
    """The demo seeded at 10:00 on the day (the clock running), rolled back afterwards; yields
    the day and the row counts after a second run on the same day."""
    day = request.param
    moment = datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with django_db_blocker.unblock(), transaction.atomic(), time_machine.travel(moment):
        call_command("seed_demo", stdout=io.StringIO())
        first = counts()
        call_command("seed_demo", stdout=io.StringIO())
        yield day, first
        transaction.set_rollback(True)


@pytest.fixture
def today(seeded, db) -> date:
    assert timezone.localdate() == seeded[0]
    return seeded[0]


@pytest.fixture
def register(today):
    return Task.objects.filter(committee__name=GIA_LAI_NAME)


def test_seeding_twice_on_the_day_changes_nothing(seeded, db):
    assert counts() == seeded[1]


def test_as_of_the_q3_review_the_seeds_figures(register):
    summary = summary_as_of(register, Q3_END)
    assert (summary.total, summary.completed, summary.in_progress, summary.not_started) == (
        147,
        76,
        68,
        3,
    )


def test_on_the_seed_day_a_minority_of_the_open_work_is_overdue(register, today):
    summary = category_summary(register, today)
    open_tasks = summary.total - summary.completed
    assert summary.completed > 76 and open_tasks > 0
    assert summary.overdue < open_tasks / 2, (summary.overdue, open_tasks)
    every = category_summary(Task.objects.all(), today)
    assert every.overdue < (every.total - every.completed) / 2
    # Most open tasks have a deadline ahead, many moved there by an extension granted lately.
    still_open = register.exclude(status__in=["completed", "cancelled"])
    ahead = [t for t in still_open if (task_deadline(t.due_date, t.extended_due) or today) > today]
    assert len(ahead) > still_open.count() / 2
    assert Extension.objects.filter(assignment__task__in=register, status="granted").exists()


def test_work_was_reported_in_the_last_two_weeks(register, today):
    since = timezone.make_aware(datetime.combine(today - timedelta(days=14), datetime.min.time()))
    recent = ProgressUpdate.objects.filter(assignment__task__in=register, created_at__gte=since)
    assert recent.filter(kind=ProgressUpdate.Kind.REPORT).count() >= 5
    assert TransitionLog.objects.filter(at__gte=since).exists()


def test_nothing_is_dated_after_the_seed_day_but_deadlines_and_the_next_meeting(today):
    now = timezone.now()
    latest = {
        "progress": ProgressUpdate.objects.aggregate(m=Max("created_at"))["m"],
        "task history": Task.history.aggregate(m=Max("history_date"))["m"],
        "assignment history": Assignment.history.aggregate(m=Max("history_date"))["m"],
        "extension asked": Extension.objects.aggregate(m=Max("requested_at"))["m"],
        "extension decided": Extension.objects.aggregate(m=Max("decided_at"))["m"],
        "request step": TransitionLog.objects.aggregate(m=Max("at"))["m"],
        "request change": InvestmentRequest.objects.aggregate(m=Max("updated_at"))["m"],
        "notification": Notification.objects.aggregate(m=Max("created_at"))["m"],
        "indicator value": IndicatorValue.objects.aggregate(m=Max("recorded_at"))["m"],
    }
    assert all(moment <= now for moment in latest.values()), latest
    days = {
        "effective": ProgressUpdate.objects.aggregate(m=Max("effective_date"))["m"],
        "allocated": Allocation.objects.aggregate(m=Max("decided_on"))["m"],
        "paid": Disbursement.objects.aggregate(m=Max("paid_on"))["m"],
        "indicator period": IndicatorValue.objects.aggregate(m=Max("period_end"))["m"],
    }
    assert all(day <= today for day in days.values()), days
    # Meetings: held ones up to the day, and per committee at most the next one, upcoming.
    upcoming = Meeting.objects.filter(held_on__gt=today)
    assert not upcoming.exclude(conclusion_number="").exists()
    per_committee = upcoming.values("committee").annotate(n=Count("id"))
    assert {row["n"] for row in per_committee} <= {1}
    gia_lai = Committee.objects.get(name=GIA_LAI_NAME)
    assert gia_lai.meetings.filter(held_on__gt=today - timedelta(days=100)).exists()
    # Indicator values for the last quarter over.
    assert days["indicator period"] > today - timedelta(days=100)


def test_requests_of_the_running_programme_are_at_every_step_with_recent_dates(today):
    live = InvestmentRequest.objects.filter(commune__committee__name=GIA_LAI_NAME).exclude(
        title=TITLE
    )
    assert set(live.values_list("status", flat=True)) == set(RequestStatus.values)
    first_step = live.aggregate(m=Max("created_at"))["m"]
    assert first_step.date() >= today - timedelta(days=10)
    waiting = live.filter(status__in=[RequestStatus.SUBMITTED, RequestStatus.UNDER_REVIEW])
    assert all(r.updated_at.date() >= today - timedelta(days=15) for r in waiting)


def test_a_fresh_login_is_not_met_by_a_wall_of_unread_notifications(today):
    unread = (
        Notification.objects.filter(read_at=None)
        .values("recipient__username")
        .annotate(n=Count("id"))
    )
    assert max(row["n"] for row in unread) <= 40, list(unread)
    old = timezone.make_aware(datetime.combine(today - timedelta(days=15), datetime.min.time()))
    assert not Notification.objects.filter(Q(read_at=None) & Q(created_at__lt=old)).exists()
