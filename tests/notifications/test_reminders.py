"""Reminders: one notification per assignment and step in the portal, one e-mail digest per
officer and morning; nothing twice however often beat fires; days in Asia/Ho_Chi_Minh."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from notifications import kinds
from notifications.models import ChannelChoice, Notification
from notifications.services import deliver_pending
from tasks import jobs
from tasks.models import Reminder
from tests.notifications.conftest import told

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: date, hour: int, minute: int = 0):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, minute, tzinfo=HCM))


@pytest.fixture
def work(make_task, complete, agency_a, agency_b):
    """Agency A's work around Friday 01/08/2025; agency B has nothing due."""
    with at(date(2025, 7, 25), 9):
        tasks = {
            "late": make_task(
                "Ban hành kế hoạch số hóa", leads=[agency_a], deadline="Tháng 7/2025"
            ),
            "today": make_task("Báo cáo sơ kết", leads=[agency_a], deadline="01/08/2025"),
            "in3": make_task("Báo cáo nhu cầu mua sắm", leads=[agency_a], deadline="04/08/2025"),
            "in7": make_task("Khảo sát hạ tầng", leads=[agency_a], deadline="08/08/2025"),
            "far": make_task("Nhiệm vụ còn xa", leads=[agency_a], deadline="Năm 2026"),
            "done": make_task("Đã xong", leads=[agency_a], deadline="Tháng 7/2025"),
            "b": make_task("Việc của Sở Nội vụ", leads=[agency_b], deadline="Năm 2026"),
        }
        complete(tasks["done"].assignments.get(), date(2025, 7, 20))
    Notification.objects.all().delete()  # the "new task" notices: not what is tested here
    return tasks


def reminded() -> dict[str, tuple[str, int]]:
    return {
        n.params["task"].split(" · ")[1]: (n.kind, n.params["days"]) for n in told()["officer_a"]
    }


def test_the_morning_run_reminds_each_step_once_and_mails_one_digest(work, mailoutbox):
    with at(date(2025, 8, 1), 7):
        jobs.send_reminders.delay()
        jobs.send_reminders.delay()  # beat fired twice
        deliver_pending()  # and the sweep ran

    assert reminded() == {
        "Ban hành kế hoạch số hóa": (kinds.OVERDUE, 1),
        "Báo cáo sơ kết": (kinds.DUE_TODAY, 0),
        "Báo cáo nhu cầu mua sắm": (kinds.DUE_SOON, 3),
        "Khảo sát hạ tầng": (kinds.DUE_SOON, 7),
    }
    assert set(told()) == {"officer_a"}  # agency B, the other province: nothing
    assert [m.to for m in mailoutbox] == [["officer_a@gialai.gov.vn"]]
    digest = mailoutbox[0]
    assert "4 nhắc việc ngày 01/08/2025" == digest.subject
    assert "Quá hạn 1 ngày: " in digest.body and "Còn 7 ngày đến hạn" in digest.body
    assert f"http://127.0.0.1:8000/tasks/{work['in3'].pk}/" in digest.body
    assert "Đã xong" not in digest.body and "Nhiệm vụ còn xa" not in digest.body
    record = Reminder.objects.get()
    assert (record.overdue_count, record.due_soon_count) == (1, 3)


def test_the_next_days_remind_only_of_what_is_new(work, mailoutbox):
    def run(day: date) -> dict:
        before = Notification.objects.count()
        with at(day, 7):
            jobs.send_reminders.delay()
        return {
            n.params["task"].split(" · ")[1]: (n.kind, n.params["days"])
            for n in told().get("officer_a", [])[before:]
        }

    run(date(2025, 8, 1))
    # Monday. "Khảo sát hạ tầng", due in 4 days, had its 7-day step on Friday.
    assert run(date(2025, 8, 4)) == {
        "Ban hành kế hoạch số hóa": (kinds.OVERDUE, 4),  # a new week
        "Báo cáo sơ kết": (kinds.OVERDUE, 3),  # late since Saturday
        "Báo cáo nhu cầu mua sắm": (kinds.DUE_TODAY, 0),
    }
    assert run(date(2025, 8, 5)) == {
        "Báo cáo nhu cầu mua sắm": (kinds.OVERDUE, 1),
        "Khảo sát hạ tầng": (kinds.DUE_SOON, 3),
    }
    assert run(date(2025, 8, 6)) == {}
    assert len(mailoutbox) == 3  # one digest on each day with news


def test_at_23_30_in_vietnam_it_is_still_the_day_before(work):
    with at(date(2025, 7, 31), 23, 30):  # 16:30 UTC
        jobs.send_reminders.delay()
    assert reminded()["Báo cáo sơ kết"] == (kinds.DUE_SOON, 1)
    assert reminded()["Ban hành kế hoạch số hóa"] == (kinds.DUE_TODAY, 0)


def test_at_00_30_in_vietnam_it_is_the_next_day(work):
    with at(date(2025, 8, 1), 0, 30):  # 17:30 UTC, still 31/07 in UTC
        jobs.send_reminders.delay()
    assert reminded()["Báo cáo sơ kết"] == (kinds.DUE_TODAY, 0)
    assert reminded()["Ban hành kế hoạch số hóa"] == (kinds.OVERDUE, 1)


def test_officers_who_turned_e_mail_off_still_see_reminders_in_the_portal(
    work, officer_a, mailoutbox
):
    for kind in (kinds.DUE_SOON, kinds.DUE_TODAY, kinds.OVERDUE):
        ChannelChoice.objects.create(user=officer_a, kind=kind, channel="email", enabled=False)
    with at(date(2025, 8, 1), 7):
        jobs.send_reminders.delay()
        deliver_pending()
    assert mailoutbox == []
    assert len(told()["officer_a"]) == 4


def test_a_digest_comes_in_the_officers_language(work, officer_a, mailoutbox):
    officer_a.profile.language = "en"
    officer_a.profile.save()
    with at(date(2025, 8, 1), 7):
        jobs.send_reminders.delay()
    assert mailoutbox[0].subject == "4 reminders for 01/08/2025"
    assert "Overdue by 1 day(s): " in mailoutbox[0].body
