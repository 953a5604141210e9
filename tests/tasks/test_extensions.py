"""Deadline extension requests (đề nghị gia hạn): an agency asks, the secretariat grants or
refuses in its queue; the granted deadline is what timeliness is measured against, and the
original stays in the history."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from notifications.kinds import EXTENSION_GRANTED, EXTENSION_REFUSED, EXTENSION_REQUESTED
from notifications.models import Notification
from tasks import followup
from tasks.models import Assignment, Extension, Task
from tasks.selectors import change_history
from tasks.status import Category


def at(day: date, hour: int = 10):
    return time_machine.travel(
        timezone.make_aware(datetime(day.year, day.month, day.day, hour)), tick=False
    )


@pytest.fixture
def task(make_task, agency_a):
    with at(date(2026, 11, 1)):
        return make_task("Số hóa hồ sơ đất đai", leads=[agency_a], deadline="30/11/2026")


def request_extension(client, assignment, new_due: str, reason: str = "Chờ nguồn vốn"):
    return client.post(
        reverse("extension_create", args=[assignment.pk]),
        {"new_due": new_due, "reason": reason},
        follow=True,
    )


def told(user, kind):
    return list(Notification.objects.filter(recipient=user, kind=kind))


def category(task_id: int, day: date) -> str:
    return Task.objects.with_timeliness(day).get(pk=task_id).category


def test_request_then_grant_moves_the_deadline_and_keeps_the_original_in_history(
    client_for, officer_a, officer_b, secretariat, task
):
    assignment = task.assignments.get()
    with at(date(2026, 11, 20)):
        page = request_extension(client_for(officer_a), assignment, "31/12/2026")
        assert "Đã gửi đề nghị gia hạn" in page.content.decode()
    extension = Extension.objects.get()
    assert (extension.previous_due, extension.new_due) == (date(2026, 11, 30), date(2026, 12, 31))
    assert len(told(secretariat, EXTENSION_REQUESTED)) == 1
    assert told(officer_a, EXTENSION_REQUESTED) == []

    with at(date(2026, 11, 21)):
        queue = client_for(secretariat).get(reverse("extension_queue"))
        assert queue.context["pending"] == [extension]
        assert "Chờ nguồn vốn" in queue.content.decode()
        client_for(secretariat).post(reverse("extension_grant", args=[extension.pk]))
    extension.refresh_from_db()
    assignment.refresh_from_db()
    task.refresh_from_db()
    assert extension.status == Extension.Status.GRANTED
    assert assignment.due_date == date(2026, 12, 31) == task.extended_due
    assert task.due_date == date(2026, 11, 30)  # the original deadline stays the task's
    [granted] = told(officer_a, EXTENSION_GRANTED)
    assert "31/12/2026" in granted.body
    assert told(officer_b, EXTENSION_GRANTED) == []

    # Past the original deadline, before the granted one: in progress within the deadline.
    assert category(task.pk, date(2026, 12, 15)) == Category.NOT_STARTED_ON_TIME
    assert category(task.pk, date(2027, 1, 1)) == Category.NOT_STARTED_OVERDUE
    with at(date(2026, 12, 15)):
        register = client_for(secretariat).get(reverse("task_list"))
        assert register.context["summary"].counts[Category.NOT_STARTED_ON_TIME] == 1
        assert register.context["summary"].extended == 1
        assert "Đã gia hạn đến 31/12/2026" in register.content.decode()

    # The assignment followed the task's deadline until the grant; the task keeps its own.
    changes = [
        (str(label), old, new)
        for change in change_history(task, [assignment.pk])
        for label, old, new in change.fields
    ]
    assert (str(Assignment._meta.get_field("due_date").verbose_name), None, "31/12/2026") in (
        changes
    )


def test_refusal_needs_a_reason_and_changes_no_deadline(client_for, officer_a, secretariat, task):
    assignment = task.assignments.get()
    with at(date(2026, 11, 20)):
        extension = followup.extension_request(
            assignment=assignment, user=officer_a, new_due=date(2026, 12, 31), reason="Thiếu vốn"
        )
        client = client_for(secretariat)
        page = client.post(reverse("extension_refuse", args=[extension.pk]), follow=True)
        assert "Lý do: hãy nêu lý do từ chối." in page.content.decode()
        extension.refresh_from_db()
        assert extension.status == Extension.Status.PENDING

        client.post(reverse("extension_refuse", args=[extension.pk]), {"reason": "Không đủ căn cứ"})
    extension.refresh_from_db()
    assignment.refresh_from_db()
    assert extension.status == Extension.Status.REFUSED
    assert extension.decision_note == "Không đủ căn cứ"
    assert assignment.due_date is None and Task.objects.get().extended_due is None
    [refused] = told(officer_a, EXTENSION_REFUSED)
    assert "Không đủ căn cứ" in refused.body
    with at(date(2026, 11, 22)):  # decided once only
        client = client_for(secretariat)  # sessions end: sign in again on another day
        page = client.post(reverse("extension_grant", args=[extension.pk]), follow=True)
    assert "Đề nghị này đã được quyết định (Từ chối)." in page.content.decode()
    assert Assignment.objects.get().due_date is None


@pytest.mark.parametrize(
    ("new_due", "reason", "message"),
    [
        ("", "Lý do", "Gia hạn đến ngày: hãy nhập thời hạn mới."),
        ("25/11/2026", "Lý do", "Gia hạn đến ngày: thời hạn mới phải sau thời hạn hiện tại"),
        ("30/11/2026", "Lý do", "Gia hạn đến ngày: thời hạn mới phải sau thời hạn hiện tại"),
        ("10/11/2026", "Lý do", "Gia hạn đến ngày: thời hạn mới không được là ngày đã qua."),
        ("31/02/2027", "Lý do", "Gia hạn đến ngày: "),
        ("01/01/2200", "Lý do", "Gia hạn đến ngày: Nhập ngày trong khoảng từ 01/01/2000"),
        ("31/12/2026", "  ", "Lý do: hãy nêu lý do cần thêm thời gian."),
    ],
)
def test_bad_requests_are_refused_naming_the_field(
    client_for, officer_a, task, new_due, reason, message
):
    with at(date(2026, 11, 20)):
        page = request_extension(client_for(officer_a), task.assignments.get(), new_due, reason)
    assert page.status_code == 200
    assert message in page.content.decode()
    assert not Extension.objects.exists()


def test_no_extension_on_a_completed_assignment_nor_twice_at_once(
    client_for, officer_a, task, complete, make_task, agency_a
):
    with at(date(2026, 11, 20)):
        other = make_task("Việc khác", leads=[agency_a], deadline="30/11/2026")
        client = client_for(officer_a)
        request_extension(client, other.assignments.get(), "31/12/2026")
        page = request_extension(client, other.assignments.get(), "15/01/2027")
        assert "Đã có một đề nghị gia hạn thời hạn này đang chờ quyết định." in (
            page.content.decode()
        )
        complete(task.assignments.get(), date(2026, 11, 19))
        page = request_extension(client, task.assignments.get(), "31/12/2026")
    assert "Phần việc này đã đóng (Đã hoàn thành): không thể gia hạn." in page.content.decode()
    assert Extension.objects.count() == 1


def test_a_grant_after_the_requested_date_passed_is_refused(officer_a, secretariat, task):
    with at(date(2026, 11, 20)):
        extension = followup.extension_request(
            assignment=task.assignments.get(),
            user=officer_a,
            new_due=date(2026, 12, 5),
            reason="Chờ",
        )
    with at(date(2026, 12, 6)), pytest.raises(Exception, match="đã qua"):
        followup.extension_grant(extension=extension, user=secretariat)
    assert Extension.objects.get().status == Extension.Status.PENDING


def test_other_leads_keep_their_deadline_when_one_lead_is_extended(
    officer_a, secretariat, make_task, agency_a, agency_b
):
    with at(date(2026, 11, 1)):
        task = make_task("Hai cơ quan chủ trì", leads=[agency_a, agency_b], deadline="30/11/2026")
    with at(date(2026, 11, 20)):
        extension = followup.extension_request(
            assignment=task.assignments.get(agency=agency_a),
            user=officer_a,
            new_due=date(2026, 12, 31),
            reason="Chờ",
        )
        followup.extension_grant(extension=extension, user=secretariat)
    assert task.assignments.get(agency=agency_b).due_date == date(2026, 11, 30)
    # Agency B is late on its own deadline, so the task is overdue all the same.
    assert category(task.pk, date(2026, 12, 10)) == Category.NOT_STARTED_OVERDUE


def test_officers_of_another_agency_cannot_request_and_only_the_secretariat_decides(
    client_for, officer_a, officer_b, leader, secretariat, task
):
    assignment = task.assignments.get()
    with at(date(2026, 11, 20)):
        assert request_extension(client_for(officer_b), assignment, "31/12/2026").status_code == (
            404
        )
        assert request_extension(client_for(leader), assignment, "31/12/2026").status_code == 404
        extension = followup.extension_request(
            assignment=assignment, user=officer_a, new_due=date(2026, 12, 31), reason="Chờ"
        )
        for user in (officer_a, officer_b, leader):
            client = client_for(user)
            assert client.get(reverse("extension_queue")).status_code == 403
            for name in ("extension_grant", "extension_refuse"):
                url = reverse(name, args=[extension.pk])
                assert client.post(url, {"reason": "x"}).status_code == 403
    extension.refresh_from_db()
    assert extension.status == Extension.Status.PENDING
