"""Escalation of long-overdue lead work to the committee member responsible for the agency and
to the secretariat, and the weekly digest to the secretariat and leaders: selected at
Asia/Ho_Chi_Minh day boundaries, each told once however often beat fires."""

from datetime import date, datetime

import pytest
import time_machine
from django.utils import timezone

from notifications.kinds import ESCALATED, WEEKLY_DIGEST
from notifications.models import Notification
from steering.authz import Role
from tasks import followup
from tests.factories import MemberFactory, make_user


def at(moment: datetime):
    return time_machine.travel(timezone.make_aware(moment), tick=False)


@pytest.fixture
def member_a(committee, agency_a):
    """The committee member responsible for agency A (its director), with a user account."""
    user = make_user("giamdoc_a", Role.LEADER, committee)
    MemberFactory(committee=committee, agency=agency_a, user=user, full_name="Giám đốc A")
    return user


@pytest.fixture
def late_task(make_task, agency_a):
    with at(datetime(2026, 11, 1, 9)):
        return make_task("Việc trễ hạn", leads=[agency_a], deadline="16/11/2026")


def escalated(user):
    return Notification.objects.filter(recipient=user, kind=ESCALATED).count()


def test_escalation_after_14_days_at_the_vietnam_day_boundary_and_only_once(
    settings, late_task, member_a, secretariat, officer_a, leader, committee, agency_b
):
    settings.ESCALATE_AFTER_DAYS = 14
    other_member = make_user("giamdoc_b", Role.LEADER, committee)
    MemberFactory(committee=committee, agency=agency_b, user=other_member)
    # 23:59 on 30/11 in Hà Nội (16:59 UTC): 14 days overdue, not more.
    with at(datetime(2026, 11, 30, 23, 59)):
        assert followup.escalations_send(today=timezone.localdate()) == 0
    # 00:00 on 01/12 in Hà Nội, still 30/11 in UTC: 15 days.
    with at(datetime(2026, 12, 1, 0, 0)):
        assert timezone.now().date() == date(2026, 11, 30)
        assert followup.escalations_send(today=timezone.localdate()) == 2
        assert followup.escalations_send(today=timezone.localdate()) == 0  # beat fired twice
    with at(datetime(2026, 12, 2, 7, 15)):
        assert followup.escalations_send(today=timezone.localdate()) == 0
    assert (escalated(member_a), escalated(secretariat)) == (1, 1)
    assert escalated(officer_a) == escalated(leader) == escalated(other_member) == 0
    notice = Notification.objects.get(recipient=member_a)
    assert "16/11/2026" in notice.body and late_task.title in notice.body


def test_a_member_out_of_office_is_not_told(late_task, committee, agency_a, secretariat):
    former = make_user("cu_giamdoc", Role.LEADER, committee)
    MemberFactory(committee=committee, agency=agency_a, user=former, active_to=date(2026, 6, 30))
    with at(datetime(2026, 12, 5, 7, 15)):
        followup.escalations_send(today=timezone.localdate())
    assert escalated(former) == 0 and escalated(secretariat) == 1


def test_completed_work_is_not_escalated(late_task, member_a, complete):
    with at(datetime(2026, 11, 20, 9)):
        complete(late_task.assignments.get(), date(2026, 11, 19))
    with at(datetime(2026, 12, 5, 7, 15)):
        assert followup.escalations_send(today=timezone.localdate()) == 0


def test_weekly_digest_once_per_week_to_secretariat_and_leaders(
    make_task, complete, agency_a, agency_b, secretariat, leader, officer_a
):
    with at(datetime(2026, 11, 1, 9)):
        make_task("Vừa quá hạn", leads=[agency_b], deadline="25/11/2026")
        make_task("Quá hạn từ lâu", leads=[agency_b], deadline="01/11/2026")
        done = make_task("Vừa xong", leads=[agency_a], deadline="31/12/2026")
    with at(datetime(2026, 11, 26, 9)):
        complete(done.assignments.get(), date(2026, 11, 26))
    with at(datetime(2026, 11, 30, 7, 30)):  # Monday
        assert followup.weekly_digest_send(today=timezone.localdate()) == 2
        assert followup.weekly_digest_send(today=timezone.localdate()) == 0
    with at(datetime(2026, 12, 3, 7, 30)):  # same ISO week
        assert followup.weekly_digest_send(today=timezone.localdate()) == 0
    digest = Notification.objects.get(recipient=leader, kind=WEEKLY_DIGEST)
    assert digest.params["overdue"] == 1 and digest.params["completed"] == 1
    assert "Vừa xong" in digest.body and "SNV: 2" in digest.body
    assert Notification.objects.filter(recipient=secretariat, kind=WEEKLY_DIGEST).count() == 1
    assert not Notification.objects.filter(recipient=officer_a, kind=WEEKLY_DIGEST).exists()
    with at(datetime(2026, 12, 7, 7, 30)):  # the next Monday
        assert followup.weekly_digest_send(today=timezone.localdate()) == 2
