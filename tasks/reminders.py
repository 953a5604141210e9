"""Daily reminders: each agency's officers get one email listing its overdue and due-soon work.

Run by Celery beat (``tasks.jobs.send_reminders``) on working-day mornings.
"""

import logging
from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from steering import authz
from tasks.models import Assignment, Reminder
from tasks.status import OPEN_STATUSES, OVERDUE_CATEGORIES

logger = logging.getLogger(__name__)


def work_to_remind(today: date) -> dict[int, list[Assignment]]:
    """Open assignments that are overdue or due within 3 days, by agency id, most late first."""
    assignments = (
        Assignment.objects.filter(status__in=OPEN_STATUSES)
        .with_timeliness(today)
        .filter(Q(category__in=OVERDUE_CATEGORIES) | Q(due_soon=True))
        .select_related("task", "agency")
        .order_by("agency_id", "_deadline", "task__code")
    )
    by_agency: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in assignments:
        by_agency[assignment.agency_id].append(assignment)
    return by_agency


def officers_of(agency_ids: list[int]) -> dict[int, list[str]]:
    """Email addresses of the active officers of each agency."""
    users = (
        authz.holders(authz.Capability.REPORT_PROGRESS, agency_id__in=agency_ids)
        .exclude(email="")
        .values_list("profile__agency_id", "email")
    )
    emails: dict[int, list[str]] = defaultdict(list)
    for agency_id, email in users:
        emails[agency_id].append(email)
    return emails


def reminders_send(*, today: date) -> int:
    """Email today's digest to every agency with late or due-soon work; returns emails sent."""
    work = work_to_remind(today)
    recipients = officers_of(list(work))
    sent = 0
    for agency_id, assignments in work.items():
        emails = sorted(recipients.get(agency_id, []))
        if not emails:
            continue
        overdue = [a for a in assignments if a.category in OVERDUE_CATEGORIES]
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    agency_id=agency_id,
                    sent_on=today,
                    overdue_count=len(overdue),
                    due_soon_count=len(assignments) - len(overdue),
                    recipients="\n".join(emails),
                )
        except IntegrityError:  # already reminded today (the schedule fired twice)
            continue
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Reminder: %(overdue)s overdue, %(soon)s due soon") % {
                "overdue": len(overdue),
                "soon": len(assignments) - len(overdue),
            }
            body = render_to_string(
                "tasks/email/reminder.txt",
                {
                    "agency": assignments[0].agency,
                    "assignments": assignments,
                    "today": today,
                    "url": settings.PORTAL_URL.rstrip("/") + reverse("my_agency"),
                },
            )
        try:
            send_mail(subject, body, None, emails)
            sent += 1
        except OSError:  # SMTP trouble: logged; the row stops a flood of retries today
            logger.exception("Reminder to agency %s could not be sent", agency_id)
    return sent
