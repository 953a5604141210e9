from datetime import date

import pytest
import time_machine
from django.urls import reverse

from steering.authz import Role
from tasks import services
from tasks.models import Task
from tests.factories import AgencyFactory, make_user


@pytest.fixture
def register(make_task, agency_a, agency_b):
    with time_machine.travel(date(2025, 7, 1)):
        return {
            "digital": make_task(
                "Đẩy mạnh chuyển đổi số trong cơ quan nhà nước",
                leads=[agency_a],
                deadline="Quý III/2025",
                is_key=True,
            ),
            "land": make_task("Làm sạch dữ liệu đất đai", leads=[agency_b], deadline="Năm 2025"),
            "recurring": make_task(
                "Đôn đốc thực hiện Đề án 06", leads=[agency_b], deadline="Thường xuyên"
            ),
        }


def codes(response) -> set[str]:
    return {t.code for t in response.context["page"]}


@time_machine.travel(date(2025, 10, 15))
def test_search_matches_without_diacritics(client_for, secretariat, register):
    client = client_for(secretariat)
    assert codes(client.get(reverse("task_list"), {"q": "chuyen doi so"})) == {
        register["digital"].code
    }
    # "đ" is not a decomposable letter but must still match "d".
    assert codes(client.get(reverse("task_list"), {"q": "dat dai"})) == {register["land"].code}
    assert codes(client.get(reverse("task_list"), {"q": "ĐẤT ĐAI"})) == {register["land"].code}


@time_machine.travel(date(2025, 10, 15))
def test_filter_overdue_of_one_agency_with_counts_per_category(
    client_for, secretariat, register, agency_a
):
    client = client_for(secretariat)
    response = client.get(
        reverse("task_list"),
        {"category": ["not_started_overdue", "in_progress_overdue"], "agency": agency_a.pk},
    )
    assert codes(response) == {register["digital"].code}
    summary = response.context["summary"]
    # The counts ignore the category filter, so the bar shows what each click would give.
    assert summary.counts["not_started_overdue"] == 1 and summary.total == 1
    all_counts = client.get(reverse("task_list")).context["summary"].counts
    assert all_counts["no_deadline"] == 1 and all_counts["not_started_on_time"] == 1


@time_machine.travel(date(2025, 10, 15))
def test_filters_live_in_the_url_and_bad_values_are_a_clear_400(client_for, leader, register):
    client = client_for(leader)
    page = client.get(reverse("task_list"), {"is_key": "on", "sort": "-due"})
    assert codes(page) == {register["digital"].code}
    bad = client.get(reverse("task_list"), {"due_from": "31/02/2025"})
    assert bad.status_code == 400
    assert "Due from" in bad.content.decode() or "Hạn từ" in bad.content.decode()


@time_machine.travel(date(2025, 10, 15))
def test_officer_sees_only_tasks_their_agency_leads_or_coordinates(
    client_for, officer_a, make_task, agency_a, register
):
    shared = make_task(
        "Phối hợp triển khai nền tảng số",
        leads=[AgencyFactory(name="Sở Y tế")],
        coordinators=[agency_a],
    )
    client = client_for(officer_a)
    assert codes(client.get(reverse("task_list"))) == {register["digital"].code, shared.code}
    hidden = register["land"]
    assert client.get(reverse("task_detail", args=[hidden.pk])).status_code == 404


def test_another_committees_tasks_are_invisible(client_for, secretariat, other_committee):
    their_agency = AgencyFactory(committee=other_committee, name="Sở Khoa học và Công nghệ")
    their_secretariat = make_user("other", Role.SECRETARIAT, other_committee, their_agency)
    other = services.task_create(
        committee=other_committee,
        user=their_secretariat,
        title="Tỉnh khác",
        field="innovation",
        leads=[their_agency],
    )
    client = client_for(secretariat)
    assert client.get(reverse("task_detail", args=[other.pk])).status_code == 404
    assert other.code not in codes(client.get(reverse("task_list")))
    assert client.get(reverse("task_edit", args=[other.pk])).status_code == 404


def test_register_queries_do_not_grow_with_the_number_of_tasks(
    client_for, secretariat, make_task, agency_a, agency_b, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(secretariat)
    make_task("Một", leads=[agency_a])
    url = reverse("task_list") + "?category=not_started_on_time"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(30):
        make_task(f"Nhiệm vụ {i}", leads=[agency_a, agency_b], coordinators=[AgencyFactory()])
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as dash:
        client.get(reverse("dashboard"))
    for i in range(10):
        make_task(f"Thêm {i}", leads=[AgencyFactory()])
    with django_assert_max_num_queries(len(dash)):
        client.get(reverse("dashboard"))


def test_leader_reads_but_cannot_create_or_edit(client_for, leader, register):
    client = client_for(leader)
    task = register["digital"]
    assert client.get(reverse("task_detail", args=[task.pk])).status_code == 200
    assert client.get(reverse("task_create")).status_code == 403
    assert client.get(reverse("task_edit", args=[task.pk])).status_code == 403
    assert client.post(reverse("task_cancel", args=[task.pk]), {"reason": "x"}).status_code == 403


def test_secretariat_creates_a_task_with_a_generated_code(client_for, secretariat, agency_a, db):
    client = client_for(secretariat)
    response = client.post(
        reverse("task_create"),
        {
            "title": "Xây dựng Trung tâm dữ liệu tỉnh",
            "field": "infrastructure",
            "level": "province",
            "deadline_text": "Quý IV/2025",
            "leads": [agency_a.pk],
        },
    )
    assert response.status_code == 302
    task = Task.objects.get()
    assert task.code == "57-001" and task.due_date == date(2025, 12, 31)
    assert task.assignments.get().agency == agency_a
    assert task.history.first().history_user == secretariat


def test_unparseable_deadline_redisplays_the_form_naming_the_text(
    client_for, secretariat, agency_a, db
):
    response = client_for(secretariat).post(
        reverse("task_create"),
        {
            "title": "X",
            "field": "infrastructure",
            "level": "province",
            "deadline_text": "sớm nhất có thể",
            "leads": [agency_a.pk],
        },
    )
    assert response.status_code == 400
    assert "sớm nhất có thể" in response.content.decode()
    assert not Task.objects.exists()


def test_cancel_needs_a_reason_and_closes_open_assignments(client_for, secretariat, register):
    task = register["land"]
    client = client_for(secretariat)
    client.post(reverse("task_cancel", args=[task.pk]), {"reason": ""})
    task.refresh_from_db()
    assert task.status != "cancelled"
    client.post(reverse("task_cancel", args=[task.pk]), {"reason": "Trùng với nhiệm vụ khác"})
    task.refresh_from_db()
    assert task.status == "cancelled" and task.cancel_reason == "Trùng với nhiệm vụ khác"
    assert set(task.assignments.values_list("status", flat=True)) == {"cancelled"}


def test_a_task_led_by_many_communes_names_two_and_counts_the_rest(
    client_for, secretariat, make_task, committee
):
    communes = [
        AgencyFactory(
            committee=committee, name=f"Ủy ban nhân dân xã {n:02d}", short_name=f"UBND xã {n:02d}"
        )
        for n in range(7)
    ]
    make_task("Thành lập Ban Chỉ đạo cấp xã", leads=communes)
    row = client_for(secretariat).get(reverse("task_list")).content.decode()
    assert "UBND xã 00; UBND xã 01 và 5 cơ quan khác" in row
    assert "UBND xã 02" not in row
