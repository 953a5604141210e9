"""A simulated week of beat over the demo: every reminder due is stored once, none twice, and
each officer gets at most one e-mail a morning."""

import io
from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat

from notifications import kinds
from notifications.models import Notification
from notifications.services import deliver_pending
from tasks import jobs
from tasks.notices import agency_recipients
from tasks.reminders import work_to_remind
from tasks.status import OVERDUE_CATEGORIES

MONDAY = date(2026, 12, 28)  # the demo's "Năm 2026" work falls due on Thursday
REMINDERS = (kinds.DUE_SOON, kinds.DUE_TODAY, kinds.OVERDUE)


def at(day: date, hour: int = 7):
    return time_machine.travel(
        datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    )


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with at(MONDAY, 6):
            call_command("seed_demo", stdout=io.StringIO())
        get_user_model().objects.update(email=Concat("username", Value("@demo.gov.vn")))
        Notification.objects.all().delete()  # the seed's "new task" notices
        yield
        transaction.set_rollback(True)


def test_a_week_of_mornings_reminds_each_step_once(demo, db, mailoutbox):
    work = list(work_to_remind(MONDAY))
    officers = agency_recipients({a.agency_id for a in work})

    def told(assignments) -> set[tuple[int, int]]:
        return {(u.pk, a.pk) for a in assignments for u in officers.get(a.agency_id, [])}

    def due(first: int, last: int) -> list:
        return [
            a for a in work if MONDAY + timedelta(first) <= a._deadline <= MONDAY + timedelta(last)
        ]

    late_on_monday = [a for a in work if a.category in OVERDUE_CATEGORIES]
    mails_per_day = []
    for n in range(5):  # beat: working-day mornings, fired twice on each
        day = MONDAY + timedelta(n)
        sent = len(mailoutbox)
        with at(day):
            jobs.send_reminders.delay()
            assert jobs.send_reminders.delay().get() == 0, f"beat fired twice on {day}"
        with at(day, 8):
            deliver_pending()
        mails = [m.to[0] for m in mailoutbox[sent:]]
        assert len(mails) == len(set(mails)), f"two e-mails to one officer on {day}"
        mails_per_day.append(len(mails))

    stored = Counter(
        (n.recipient_id, n.kind, int(n.key.split(":")[1]))
        for n in Notification.objects.filter(kind__in=REMINDERS)
    )

    def pairs(kind: str) -> set[tuple[int, int]]:
        return {(u, a) for (u, k, a) in stored if k == kind}

    assert late_on_monday and due(0, 4) and mails_per_day[0], mails_per_day
    # Late on Monday, or from the day after a deadline this week: once in the (ISO) week.
    assert pairs(kinds.OVERDUE) == told(late_on_monday) | told(due(0, 3))
    assert pairs(kinds.DUE_TODAY) == told(due(0, 4))
    assert {p for p in pairs(kinds.DUE_SOON)} <= told(due(1, 11))
    assert set(stored.values()) <= {1, 2, 3}  # 7, 3 and 1 days before: three steps at most
    assert all(count == 1 for (_u, kind, _a), count in stored.items() if kind != kinds.DUE_SOON)
