"""Status and timeliness: the categories of the national Resolution 57 monitoring system.

A stored status (not started, in progress, awaiting confirmation, completed, cancelled) crossed
with the deadline gives the category. The deadline day itself counts as on time.

The rule exists twice by necessity: as a database expression (lists filter and count by
category without loading rows) and as a Python function (reports replay past dates from the
log). Both are written side by side below, in the same order, and
``tests/tasks/test_timeliness.py`` checks that they agree on every case.
"""

from datetime import date, timedelta

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

DUE_SOON_DAYS = 3


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING = "awaiting", _("Awaiting confirmation")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.AWAITING)


class Category(models.TextChoices):
    COMPLETED_ON_TIME = "completed_on_time", _("Completed on time")
    COMPLETED_LATE = "completed_late", _("Completed late")
    IN_PROGRESS_ON_TIME = "in_progress_on_time", _("In progress, within deadline")
    IN_PROGRESS_OVERDUE = "in_progress_overdue", _("In progress, overdue")
    NOT_STARTED_ON_TIME = "not_started_on_time", _("Not started, within deadline")
    NOT_STARTED_OVERDUE = "not_started_overdue", _("Not started, overdue")
    NO_DEADLINE = "no_deadline", _("No deadline (recurring)")
    CANCELLED = "cancelled", _("Cancelled")


COMPLETED_CATEGORIES = (Category.COMPLETED_ON_TIME, Category.COMPLETED_LATE)
OVERDUE_CATEGORIES = (Category.IN_PROGRESS_OVERDUE, Category.NOT_STARTED_OVERDUE)


def categorize(
    status: str,
    deadline: date | None,
    completed_on: date | None,
    today: date,
    lead_overdue: bool = False,
) -> Category:
    """The category in Python; ``lead_overdue``: a lead's own, earlier deadline has passed."""
    overdue = (deadline is not None and today > deadline) or lead_overdue
    if status == Status.CANCELLED:
        return Category.CANCELLED
    if status == Status.COMPLETED:
        if deadline is None or (completed_on is not None and completed_on <= deadline):
            return Category.COMPLETED_ON_TIME
        return Category.COMPLETED_LATE
    if deadline is None and not lead_overdue:
        return Category.NO_DEADLINE
    if status == Status.NOT_STARTED:
        return Category.NOT_STARTED_OVERDUE if overdue else Category.NOT_STARTED_ON_TIME
    return Category.IN_PROGRESS_OVERDUE if overdue else Category.IN_PROGRESS_ON_TIME


def is_due_soon(status: str, deadline: date | None, today: date) -> bool:
    return (
        status in OPEN_STATUSES
        and deadline is not None
        and today <= deadline <= today + timedelta(days=DUE_SOON_DAYS)
    )


def _category_case(deadline, today: date, lead_overdue: Q | None = None) -> dict:
    """The same rule as ``categorize``, as annotations ``category`` and ``due_soon``."""
    overdue = Q(_deadline__lt=today)
    if lead_overdue is not None:
        overdue |= lead_overdue
    no_deadline = Q(_deadline__isnull=True)
    if lead_overdue is not None:
        no_deadline &= ~lead_overdue
    category = Case(
        When(status=Status.CANCELLED, then=Value(Category.CANCELLED.value)),
        When(
            Q(status=Status.COMPLETED)
            & (Q(_deadline__isnull=True) | Q(completed_on__lte=F("_deadline"))),
            then=Value(Category.COMPLETED_ON_TIME.value),
        ),
        When(status=Status.COMPLETED, then=Value(Category.COMPLETED_LATE.value)),
        When(no_deadline, then=Value(Category.NO_DEADLINE.value)),
        When(
            Q(status=Status.NOT_STARTED) & overdue, then=Value(Category.NOT_STARTED_OVERDUE.value)
        ),
        When(status=Status.NOT_STARTED, then=Value(Category.NOT_STARTED_ON_TIME.value)),
        When(overdue, then=Value(Category.IN_PROGRESS_OVERDUE.value)),
        default=Value(Category.IN_PROGRESS_ON_TIME.value),
        output_field=models.CharField(),
    )
    due_soon = Case(
        When(
            Q(status__in=OPEN_STATUSES)
            & Q(_deadline__gte=today, _deadline__lte=today + timedelta(days=DUE_SOON_DAYS)),
            then=Value(True),
        ),
        default=Value(False),
        output_field=models.BooleanField(),
    )
    return {"_deadline": deadline, "category": category, "due_soon": due_soon}


def assignment_category(today: date) -> dict:
    """Annotations for an Assignment queryset; its deadline is its own or else the task's."""
    return _category_case(Coalesce(F("due_date"), F("task__due_date")), today)


def task_category(today: date) -> dict:
    """Annotations for a Task queryset: overdue also when an open lead's own deadline passed
    (``earliest_lead_due`` is kept by ``tasks.services.task_refresh``)."""
    return _category_case(F("due_date"), today, lead_overdue=Q(earliest_lead_due__lt=today))
