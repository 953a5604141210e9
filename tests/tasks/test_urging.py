"""The secretariat urges an agency (đôn đốc): on one task from its page, or on all the work it
leads that is overdue from the dashboard. Recorded on the timeline, told to that agency's
officers only, counted per agency."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from notifications.kinds import URGED
from notifications.models import Notification
from steering.authz import Role
from tasks.followup import urge_create
from tasks.models import Urge
from tests.factories import make_user

TODAY = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(timezone.make_aware(datetime(2026, 12, 1, 9)), tick=False):
        yield


@pytest.fixture
def shared_task(make_task, agency_a, agency_b):
    """Led by both agencies, overdue since 15/11/2026."""
    return make_task("Triển khai chữ ký số", leads=[agency_a, agency_b], deadline="15/11/2026")


def urged(user):
    return list(Notification.objects.filter(recipient=user, kind=URGED))


def test_secretary_urges_one_agency_on_a_task_and_only_its_officers_hear(
    client_for, secretariat, officer_a, officer_b, shared_task, agency_a
):
    assignment = shared_task.assignments.get(agency=agency_a)
    response = client_for(secretariat).post(
        reverse("urge_task", args=[shared_task.pk]),
        {"assignment": assignment.pk, "message": "Đề nghị báo cáo tiến độ trước 05/12"},
        follow=True,
    )
    assert response.status_code == 200
    urge = Urge.objects.get()
    assert (urge.assignment, urge.author) == (assignment, secretariat)
    page = response.content.decode()
    assert "Đề nghị báo cáo tiến độ trước 05/12" in page  # on the task's timeline
    assert "data-urge" in page
    [notice] = urged(officer_a)
    assert notice.url == reverse("task_detail", args=[shared_task.pk])
    assert "Đề nghị báo cáo tiến độ trước 05/12" in notice.body
    assert urged(officer_b) == [] and urged(secretariat) == []


def test_the_agencys_officer_sees_the_urge_on_the_task_timeline(
    client_for, secretariat, officer_a, shared_task, agency_a
):
    urge_create(
        assignments=[shared_task.assignments.get(agency=agency_a)],
        user=secretariat,
        message="Khẩn trương hoàn thành",
    )
    page = client_for(officer_a).get(reverse("task_detail", args=[shared_task.pk]))
    assert "Khẩn trương hoàn thành" in page.content.decode()


def test_urging_all_overdue_work_of_an_agency_from_the_dashboard(
    client_for, secretariat, officer_a, officer_b, make_task, agency_a, agency_b
):
    late = [make_task(f"Việc trễ {i}", leads=[agency_a], deadline="20/11/2026") for i in range(2)]
    make_task("Việc còn hạn", leads=[agency_a], deadline="31/12/2026")
    make_task("Việc phối hợp trễ", leads=[agency_b], coordinators=[agency_a], deadline="1/11/2026")
    client = client_for(secretariat)
    response = client.post(
        reverse("urge_agency", args=[agency_a.pk]), {"message": "Đôn đốc lần 1"}, follow=True
    )
    assert response.status_code == 200
    assert {u.assignment.task for u in Urge.objects.all()} == set(late)
    [notice] = urged(officer_a)  # one notice for both tasks
    assert notice.url == reverse("my_agency")
    assert all(t.code in notice.subject for t in late)
    assert urged(officer_b) == []

    rows = {row["agency_id"]: row for row in response.context["agencies"]}
    assert (rows[agency_a.pk]["urges"], rows[agency_b.pk]["urges"]) == (2, 0)


@pytest.mark.parametrize("message", ["", "   "])
def test_an_urge_without_a_message_is_refused_naming_the_field(
    client_for, secretariat, officer_a, shared_task, agency_a, message
):
    assignment = shared_task.assignments.get(agency=agency_a)
    client = client_for(secretariat)
    for url, data in [
        (reverse("urge_task", args=[shared_task.pk]), {"assignment": assignment.pk}),
        (reverse("urge_agency", args=[agency_a.pk]), {}),
    ]:
        response = client.post(url, {**data, "message": message}, follow=True)
        assert response.status_code == 200
        assert "Lời nhắn: hãy ghi rõ nội dung đôn đốc cơ quan." in response.content.decode()
    assert not Urge.objects.exists() and urged(officer_a) == []


def test_urging_an_agency_without_overdue_work_says_so(
    client_for, secretariat, make_task, agency_b
):
    make_task("Việc còn hạn", leads=[agency_b], deadline="31/12/2026")
    response = client_for(secretariat).post(
        reverse("urge_agency", args=[agency_b.pk]), {"message": "Nhắc"}, follow=True
    )
    assert "Sở Nội vụ không có nhiệm vụ quá hạn để đôn đốc." in response.content.decode()
    assert not Urge.objects.exists()


def test_urging_a_completed_assignment_is_refused(
    client_for, secretariat, shared_task, agency_a, complete
):
    assignment = shared_task.assignments.get(agency=agency_a)
    complete(assignment, date(2026, 11, 20))
    response = client_for(secretariat).post(
        reverse("urge_task", args=[shared_task.pk]),
        {"assignment": assignment.pk, "message": "Nhắc"},
        follow=True,
    )
    # No longer one of the form's choices: refused on its field.
    assert "Cơ quan, đơn vị: Hãy chọn một lựa chọn hợp lệ." in response.content.decode()
    with pytest.raises(ValidationError, match="đã đóng"):  # the service checks it too
        urge_create(assignments=[assignment], user=secretariat, message="Nhắc")
    assert not Urge.objects.exists()


@pytest.mark.parametrize("persona", ["officer_a", "leader"])
def test_only_the_secretariat_urges(request, client_for, shared_task, agency_a, persona):
    client = client_for(request.getfixturevalue(persona))
    assignment = shared_task.assignments.get(agency=agency_a)
    data = {"assignment": assignment.pk, "message": "Nhắc"}
    assert client.post(reverse("urge_task", args=[shared_task.pk]), data).status_code == 403
    assert client.post(reverse("urge_agency", args=[agency_a.pk]), data).status_code == 403
    assert not Urge.objects.exists()


def test_a_secretary_cannot_urge_another_committees_agency(
    client_for, other_committee, shared_task, agency_a
):
    other = make_user("other_secretary", Role.SECRETARIAT, other_committee)
    client = client_for(other)
    assignment = shared_task.assignments.get(agency=agency_a)
    data = {"assignment": assignment.pk, "message": "Nhắc"}
    assert client.post(reverse("urge_task", args=[shared_task.pk]), data).status_code == 404
    assert client.post(reverse("urge_agency", args=[agency_a.pk]), data).status_code == 404
    assert not Urge.objects.exists()
