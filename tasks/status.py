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
FINISHED_STATUSES = (Status.COMPLETED, Status.CANCELLED)
# Assignment.Role.COORDINATING (tasks.models imports this module).
COORDINATING = "coordinating"


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

# One colour per category for every badge, chart and PDF; each carries white text at WCAG AA
# contrast (at least 4.5:1, tests/tasks/test_category_colours.py).
CATEGORY_COLORS = {
    Category.COMPLETED_ON_TIME: "#1e7b34",
    Category.COMPLETED_LATE: "#4d7326",
    Category.IN_PROGRESS_ON_TIME: "#0b5ed7",
    Category.IN_PROGRESS_OVERDUE: "#9a4f00",
    Category.NOT_STARTED_ON_TIME: "#6c757d",
    Category.NOT_STARTED_OVERDUE: "#a4161a",
    Category.NO_DEADLINE: "#6f42c1",
    Category.CANCELLED: "#5c636a",
}


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


def task_deadline(due_date: date | None, extended_due: date | None) -> date | None:
    """A task's deadline for timeliness: its own, or the later one an extension granted to one
    of its leads (``Task.extended_due``); none for a recurring task."""
    if due_date is None or extended_due is None:
        return due_date
    return max(due_date, extended_due)


def judged_state(
    role: str,
    own: tuple[str, date | None, date | None],
    task: tuple[str, date | None, date | None],
) -> tuple[str, date | None, date | None]:
    """The (status, completion date, deadline) an assignment's category is computed from: its
    own, except a coordinating agency's on a finished task, which follows the task (never
    overdue once the task is completed or cancelled)."""
    if role == COORDINATING and task[0] in FINISHED_STATUSES:
        return task
    return own


def is_due_soon(status: str, deadline: date | None, today: date) -> bool:
    return (
        status in OPEN_STATUSES
        and deadline is not None
        and today <= deadline <= today + timedelta(days=DUE_SOON_DAYS)
    )


def _category_case(
    deadline,
    today: date,
    lead_overdue: Q | None = None,
    status=F("status"),  # noqa: B008 (an expression, never mutated)
    completed_on=F("completed_on"),  # noqa: B008
) -> dict:
    """The same rule as ``categorize``, as annotations ``category`` and ``due_soon`` (and the
    ``_deadline``, ``_status`` and ``_completed_on`` they are computed from)."""
    overdue = Q(_deadline__lt=today)
    if lead_overdue is not None:
        overdue |= lead_overdue
    no_deadline = Q(_deadline__isnull=True)
    if lead_overdue is not None:
        no_deadline &= ~lead_overdue
    category = Case(
        When(_status=Status.CANCELLED, then=Value(Category.CANCELLED.value)),
        When(
            Q(_status=Status.COMPLETED)
            & (Q(_deadline__isnull=True) | Q(_completed_on__lte=F("_deadline"))),
            then=Value(Category.COMPLETED_ON_TIME.value),
        ),
        When(_status=Status.COMPLETED, then=Value(Category.COMPLETED_LATE.value)),
        When(no_deadline, then=Value(Category.NO_DEADLINE.value)),
        When(
            Q(_status=Status.NOT_STARTED) & overdue, then=Value(Category.NOT_STARTED_OVERDUE.value)
        ),
        When(_status=Status.NOT_STARTED, then=Value(Category.NOT_STARTED_ON_TIME.value)),
        When(overdue, then=Value(Category.IN_PROGRESS_OVERDUE.value)),
        default=Value(Category.IN_PROGRESS_ON_TIME.value),
        output_field=models.CharField(),
    )
    due_soon = Case(
        When(
            Q(_status__in=OPEN_STATUSES)
            & Q(_deadline__gte=today, _deadline__lte=today + timedelta(days=DUE_SOON_DAYS)),
            then=Value(True),
        ),
        default=Value(False),
        output_field=models.BooleanField(),
    )
    return {
        "_deadline": deadline,
        "_status": status,
        "_completed_on": completed_on,
        "category": category,
        "due_soon": due_soon,
    }


def _task_deadline(prefix: str = "") -> Case:
    """``task_deadline`` in the database, for a Task (or through ``prefix``, e.g. "task__")."""
    due, extended = F(f"{prefix}due_date"), F(f"{prefix}extended_due")
    return Case(
        When(**{f"{prefix}extended_due__gt": due}, then=extended),
        default=due,
        output_field=models.DateField(),
    )


def assignment_category(today: date) -> dict:
    """Annotations for an Assignment queryset, judged as ``judged_state`` says: its own deadline
    or else the task's; a coordinator on a finished task takes the task's state and deadline."""
    follows = Q(role=COORDINATING, task__status__in=FINISHED_STATUSES)

    def pick(own, of_task, field: models.Field) -> Case:
        return Case(When(follows, then=of_task), default=own, output_field=field)

    own_deadline = Coalesce(F("due_date"), F("task__due_date"), output_field=models.DateField())
    return _category_case(
        pick(own_deadline, _task_deadline("task__"), models.DateField()),
        today,
        status=pick(F("status"), F("task__status"), models.CharField()),
        completed_on=pick(F("completed_on"), F("task__completed_on"), models.DateField()),
    )


def task_category(today: date) -> dict:
    """Annotations for a Task queryset: the deadline as ``task_deadline`` says; overdue also
    when an open lead's own deadline passed (``earliest_lead_due``, kept by
    ``tasks.services.task_refresh``)."""
    return _category_case(_task_deadline(), today, lead_overdue=Q(earliest_lead_due__lt=today))
