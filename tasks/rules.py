"""The rules both the live pages (database queries) and a report's as-of replay (Python over the
log) compute, each written once: the end-of-day cut-off, the overdue lead, the agency table's
and the per-field counts. Where a rule has a database form, it sits beside its Python twin, as
the category rule does in ``tasks.status``; ``tests/tasks/test_rules.py`` checks they agree.
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from tasks.models import Field
from tasks.status import COMPLETED_CATEGORIES, OPEN_STATUSES, OVERDUE_CATEGORIES, Category, Status


def end_of(day: date) -> datetime:
    """The cut-off for "as of ``day``": what was recorded before the next midnight counts."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def lead_overdue(status: str, deadline: date | None, day: date) -> bool:
    """A lead is overdue on ``day`` while still open past its own deadline. The database form
    is ``Task.earliest_lead_due`` (``earliest_open_due``) compared in ``tasks.status``."""
    return status in OPEN_STATUSES and deadline is not None and deadline < day


def earliest_open_due(leads: Iterable[tuple[str, date | None]]) -> date | None:
    """The earliest own deadline among the open leads, from (status, deadline) pairs: a task is
    overdue through its leads exactly when this has passed."""
    return min((due for status, due in leads if status in OPEN_STATUSES and due), default=None)


# The agency table: which lead categories each column counts.
AGENCY_COLUMNS = {
    "completed": COMPLETED_CATEGORIES,
    "on_time": (Category.COMPLETED_ON_TIME,),
    "overdue": OVERDUE_CATEGORIES,
}


def agency_counts_db() -> dict:
    """Annotations counting an agency's lead assignments (annotated with ``category``)."""
    columns = {key: Count("id", filter=Q(category__in=c)) for key, c in AGENCY_COLUMNS.items()}
    return {"led": Count("id"), **columns}


def agency_counts(categories: Iterable[str]) -> dict[str, int]:
    """The same counts in Python, from the categories of an agency's leads."""
    categories = list(categories)
    columns = {key: sum(c in cats for c in categories) for key, cats in AGENCY_COLUMNS.items()}
    return {"led": len(categories), **columns}


def on_time_rate(on_time: int, led: int) -> float:
    """Led tasks completed on time, as a percentage of those led (one decimal)."""
    return round(100 * on_time / led, 1) if led else 0.0


def agency_finish(row: dict, followups: dict[int, tuple[int, int]], agency_id: int) -> dict:
    """Completes an agency row: its on-time rate (led tasks completed on time, %), urges
    received and extensions granted (``followups``, by agency id)."""
    row["on_time_rate"] = on_time_rate(row["on_time"], row["led"])
    row["urges"], row["extensions"] = followups.get(agency_id, (0, 0))
    return row


def field_counts_db() -> dict:
    """Annotations counting tasks per field: all of them, and those completed."""
    return {"total": Count("id"), "completed": Count("id", filter=Q(status=Status.COMPLETED))}


def field_counts(statuses: Iterable[tuple[str, str]]) -> list[tuple[str, int, int]]:
    """The same counts in Python, from (field, status) pairs, as (field, total, completed)."""
    totals: dict[str, list[int]] = {}
    for field, status in statuses:
        counts = totals.setdefault(field, [0, 0])
        counts[0] += 1
        counts[1] += status == Status.COMPLETED
    return [(field, total, done) for field, (total, done) in totals.items()]


def field_rows(counts: Iterable[tuple[str, int, int]]) -> list[dict]:
    """Per-field rows with their labels, largest first, from (field, total, completed)."""
    labels = dict(Field.choices)
    rows = [
        {"field": key, "label": str(labels.get(key, key)), "total": total, "completed": done}
        for key, total, done in counts
    ]
    return sorted(rows, key=lambda row: (-row["total"], row["label"]))
