"""Work queues of the task register: what waits for an agency's officers, and for the secretariat.

Each queue is defined once, as a filter: the queue's page lists the rows it keeps and the
navigation counts them, all of a role's counts in one query (conditional aggregation).
"""

from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from steering import authz
from tasks.models import Assignment, Extension, ProgressUpdate
from tasks.status import OVERDUE_CATEGORIES, Status

DUE_WITHIN_DAYS = 7


def with_last_entry(assignments: QuerySet) -> QuerySet:
    """Annotate ``last_kind`` and ``last_note``: the latest entry of each assignment's log (a
    return by the secretariat carries its reason as the note)."""
    latest = ProgressUpdate.objects.filter(assignment=OuterRef("pk")).order_by("-created_at", "-id")
    return assignments.annotate(
        last_kind=Subquery(latest.values("kind")[:1]), last_note=Subquery(latest.values("note")[:1])
    )


def officer_assignments(user, today: date) -> QuerySet:
    """The assignments of the officer's agency, with their timeliness and latest log entry."""
    return with_last_entry(
        Assignment.objects.restrict(user, "report")
        .filter(agency_id=authz.agency_id_of(user))
        .with_timeliness(today)
    )


def officer_queues(today: date) -> dict[str, Q]:
    """The officer's queues, as filters on ``officer_assignments``. Work awaiting the
    secretariat's confirmation is in none of them: it is the secretariat's turn."""
    waiting = Q(_status__in=[Status.NOT_STARTED, Status.IN_PROGRESS])
    return {
        "overdue": waiting & Q(category__in=OVERDUE_CATEGORIES),
        "due_week": waiting
        & Q(_deadline__gte=today, _deadline__lte=today + timedelta(days=DUE_WITHIN_DAYS)),
        "returned": Q(_status=Status.IN_PROGRESS, last_kind=ProgressUpdate.Kind.RETURN),
        "unreported": Q(_status=Status.NOT_STARTED),
        "awaiting": Q(_status=Status.AWAITING),
    }


# The officer's queues in the order the navigation and the home page name them.
OFFICER_QUEUE_LABELS = {
    "overdue": _("Overdue"),
    "due_week": _("Due within 7 days"),
    "returned": _("Returned"),
    "unreported": _("Not reported yet"),
    "awaiting": _("Awaiting confirmation"),
}


def officer_counts(user, today: date) -> dict[str, int]:
    """How many of the agency's assignments each queue holds: one query."""
    queues = officer_queues(today)
    return officer_assignments(user, today).aggregate(
        **{name: Count("pk", filter=q) for name, q in queues.items()}
    )


def confirmations(user) -> QuerySet:
    """Completions awaiting the secretariat's confirmation (the confirmation queue)."""
    return Assignment.objects.restrict(user, "confirm").filter(status=Status.AWAITING)


def secretariat_counts(user) -> dict[str, int]:
    """Completions to confirm and extension requests to decide, in one query.

    An assignment has at most one pending extension request (``one_pending_extension``) and
    the secretariat decides on the assignments it confirms (the same ``steering.authz`` scope),
    so counting assignments with a pending request counts the requests.
    """
    pending = Exists(
        Extension.objects.filter(assignment=OuterRef("pk"), status=Extension.Status.PENDING)
    )
    awaiting = Q(status=Status.AWAITING)
    return (
        Assignment.objects.restrict(user, "confirm")
        .filter(awaiting | pending)
        .aggregate(confirm=Count("pk", filter=awaiting), extensions=Count("pk", filter=pending))
    )
