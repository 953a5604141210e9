"""Reminders: open work due in 7, 3 or 1 days, due today or overdue is told to the agency's
officers, one notification per assignment in the portal; e-mail brings each officer the day's
reminders in one digest (``notifications.services.deliver_digests``), not one message each.

Run by Celery beat on working-day mornings (``tasks.jobs.send_reminders``). A reminder's key
names the assignment, its deadline and the step: 7, 3 or 1 days before (the nearest step not yet
passed, so a weekend does not skip one), the day itself, then overdue once in each ISO week
(the first run after the deadline, then every Monday). Beat firing twice, or a retried job,
finds the keys taken and sends nothing twice; a new deadline (an extension) reminds afresh.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F

from notifications import kinds
from notifications.services import deliver_digests, notify
from tasks import notices
from tasks.models import Assignment, Reminder
from tasks.status import Status

STEPS_BEFORE = (7, 3, 1)  # days before the deadline


def reminder_of(deadline: date, today: date) -> tuple[str, int, str] | None:
    """(kind, days before or after the deadline, step of the key), or None: nothing today."""
    days = (deadline - today).days
    if days > STEPS_BEFORE[0]:
        return None
    if days > 0:
        return kinds.DUE_SOON, days, str(min(n for n in STEPS_BEFORE if n >= days))
    if days == 0:
        return kinds.DUE_TODAY, 0, "0"
    year, week, _weekday = today.isocalendar()
    return kinds.OVERDUE, -days, f"{year}-W{week:02d}"


def work_to_remind(today: date):
    """Open assignments (not awaiting confirmation) of open tasks due within 7 days or late."""
    return (
        Assignment.objects.filter(
            status__in=(Status.NOT_STARTED, Status.IN_PROGRESS),
            task__status__in=(Status.NOT_STARTED, Status.IN_PROGRESS, Status.AWAITING),
        )
        .with_timeliness(today)
        .filter(_deadline__lte=today + timedelta(days=STEPS_BEFORE[0]))
        .select_related("task", "agency")
        .order_by("agency_id", "_deadline", "task__code")
    )


def reminders_send(*, today: date) -> int:
    """Store today's reminders, then send the e-mail digests; returns the reminders stored."""
    with transaction.atomic():
        stored = _remind(today)
    deliver_digests()
    return stored


def _remind(today: date) -> int:
    work = list(work_to_remind(today))
    recipients = notices.agency_recipients({a.agency_id for a in work})
    stored = 0
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])  # agency → overdue, due soon
    for assignment in work:
        reminder = reminder_of(assignment._deadline, today)
        users = recipients.get(assignment.agency_id, [])
        if reminder is None or not users:
            continue
        kind, days, step = reminder
        task = assignment.task
        created = notify(
            users,
            kind,
            key=f"{kind}:{assignment.pk}:{assignment._deadline.isoformat()}:{step}",
            url=notices.task_url(task),
            params={
                "task": f"{task.code} · {task.title}",
                "agency": assignment.agency.name,
                "deadline": notices.day(assignment._deadline),
                "days": days,
            },
        )
        if created:
            stored += len(created)
            counts[assignment.agency_id][kind != kinds.OVERDUE] += 1
    # The day's record per agency (the admin's "reminders"): what was told, to whom.
    for agency_id, (overdue, soon) in counts.items():
        emails = "\n".join(sorted(u.email for u in recipients[agency_id] if u.email))
        record, _new = Reminder.objects.get_or_create(
            agency_id=agency_id,
            sent_on=today,
            defaults={"overdue_count": 0, "due_soon_count": 0, "recipients": emails},
        )
        Reminder.objects.filter(pk=record.pk).update(
            overdue_count=F("overdue_count") + overdue, due_soon_count=F("due_soon_count") + soon
        )
    return stored
