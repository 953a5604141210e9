"""Work queues: the counts in the navigation and the officer's home, each role's in one query."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from steering import authz
from steering.context_processors import queue_counts
from tasks import followup, services
from tasks.models import Assignment, Task
from tasks.status import Category, Status
from tests.factories import AgencyFactory

TODAY = date(2025, 10, 15)


@pytest.fixture
def work(make_task, agency_a, agency_b, officer_a, secretariat):
    """Agency A: one overdue task, one due within 7 days, one sent back, one awaiting
    confirmation; agency B: overdue work of its own (never A's)."""
    with time_machine.travel(date(2025, 7, 1)):
        overdue = make_task("Quá hạn", leads=[agency_a], deadline="Tháng 8/2025")
        due = make_task("Sắp đến hạn", leads=[agency_a], deadline="20/10/2025")
        returned = make_task("Bị trả lại", leads=[agency_a], deadline="Năm 2030")
        awaiting = make_task("Chờ xác nhận", leads=[agency_a], deadline="Tháng 8/2025")
        make_task("Của SNV", leads=[agency_b], deadline="Tháng 8/2025")
    with time_machine.travel(date(2025, 10, 1)):
        for task in (returned, awaiting):
            services.progress_log(
                assignment=task.assignments.get(),
                user=officer_a,
                percent=100,
                completed=True,
                note="Đã xong",
                effective_date=date(2025, 9, 30),
            )
        services.completion_return(
            assignment=returned.assignments.get(), user=secretariat, reason="Thiếu biên bản"
        )
    return {"overdue": overdue, "due": due, "returned": returned, "awaiting": awaiting}


def warm(user) -> None:
    """Read once what every request reads anyway (roles, profile, committees)."""
    authz.capabilities_of(user)
    authz.committee_ids(user)
    authz.agency_id_of(user)


@time_machine.travel(TODAY)
def test_officer_counts_their_agencys_queues_in_one_query(
    work, officer_a, officer_b, django_assert_num_queries
):
    warm(officer_a)
    with django_assert_num_queries(1):
        counts = queue_counts(officer_a)
    assert counts == {
        "overdue": 1,
        "due_week": 1,
        "returned": 1,
        "unreported": 2,
        "awaiting": 1,
    }
    assert queue_counts(officer_b)["overdue"] == 1  # B's own, and only B's


@time_machine.travel(TODAY)
def test_secretariat_counts_confirmations_and_extensions_of_its_own_province_only(
    work, secretariat, officer_a, other_committee, django_assert_num_queries
):
    followup.extension_request(
        assignment=work["due"].assignments.get(),
        user=officer_a,
        new_due=date(2025, 12, 31),
        reason="Chờ hướng dẫn của Bộ",
    )
    elsewhere = AgencyFactory(committee=other_committee, name="Sở KH&CN tỉnh khác")
    task = Task.objects.create(committee=other_committee, code="X-1", title="x", field="innovation")
    Assignment.objects.create(task=task, agency=elsewhere, status=Status.AWAITING)
    warm(secretariat)
    with django_assert_num_queries(1):
        assert queue_counts(secretariat) == {"confirm": 1, "extensions": 1}


def test_anonymous_pages_count_nothing(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):  # the committee the login page names, no queue
        response = client.get(reverse("login"))
    assert "queues" not in response.context


@time_machine.travel(TODAY)
def test_a_decision_lowers_the_counts_on_the_queue_and_in_the_navigation(
    work, client_for, secretariat
):
    client = client_for(secretariat)
    page = client.get(reverse("confirmation_queue")).content.decode()
    assert 'id="confirmation-count" class="badge text-bg-secondary">1<' in page
    lead = work["awaiting"].assignments.get()
    response = client.post(
        reverse("completion_confirm", args=[lead.pk]),
        {"version": lead.version},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert 'id="confirmation-count" class="badge text-bg-secondary" hx-swap-oob="true">0<' in html
    assert (
        'id="queue-count-confirm"' in html
        and 'hx-swap-oob="true" data-queue-count="confirm">0<' in html
    )


@time_machine.travel(TODAY)
def test_each_officer_queue_is_a_page_of_its_rows(work, client_for, officer_a):
    client = client_for(officer_a)
    for queue, task in [("overdue", "overdue"), ("returned", "returned"), ("awaiting", "awaiting")]:
        response = client.get(reverse("my_agency"), {"queue": queue})
        lead, coordinating = response.context["sections"]
        assert [a.task_id for a in lead["page"]] == [work[task].pk], queue
    due = client.get(reverse("my_agency"), {"queue": "due_week"}).context["sections"][0]
    assert [a.task_id for a in due["page"]] == [work["due"].pk]


@time_machine.travel(TODAY)
def test_officer_home_says_awaiting_and_returned_with_the_reason(work, client_for, officer_a):
    response = client_for(officer_a).get(reverse("home"))
    html = response.content.decode()
    rows = {a.task_id: a for a in response.context["sections"][0]["page"]}
    assert rows[work["awaiting"].pk].awaiting and not rows[work["awaiting"].pk].returned
    assert rows[work["returned"].pk].returned
    assert rows[work["returned"].pk].last_note == "Thiếu biên bản"
    assert "Bị trả lại" in html and "Thiếu biên bản" in html
    awaiting_row = html.split(f'data-assignment="{rows[work["awaiting"].pk].pk}"')[1]
    awaiting_row = awaiting_row.split("</tr>")[0]
    assert "Chờ xác nhận" in awaiting_row and "quá hạn" not in awaiting_row
    assert "table-danger" not in awaiting_row.split(">")[0]
    # The counts at the top; the navigation links the officer's own page.
    assert 'data-queue="returned"' in html and reverse("my_agency") in html


@time_machine.travel(TODAY)
def test_a_coordinator_of_a_finished_task_follows_the_task(
    make_task, complete, agency_a, agency_b, officer_a, client_for
):
    """57-002: completed late in the register, never "not started, overdue" for the
    coordinating agency, and nothing left to report on its page."""
    with time_machine.travel(date(2025, 7, 1)):
        task = make_task(
            "57-002", leads=[agency_b], coordinators=[agency_a], deadline="Tháng 8/2025"
        )
    complete(task.assignments.get(agency=agency_b), date(2025, 9, 10))
    register = Task.objects.with_timeliness(TODAY).get(pk=task.pk)
    assert register.category == Category.COMPLETED_LATE
    client = client_for(officer_a)
    home = client.get(reverse("home"))
    lead_rows, coordinating = home.context["sections"]
    (row,) = coordinating["page"]
    assert row.category == register.category and not list(lead_rows["page"])
    assert queue_counts(officer_a)["overdue"] == 0
    page = client.get(reverse("task_detail", args=[task.pk])).content.decode()
    assert "data-progress-form" not in page and "quá hạn" in page  # the task's: "completed late"
    assert "Chưa triển khai, quá hạn" not in page
    mine = task.assignments.get(agency=agency_a)
    refused = client.post(
        reverse("progress_create", args=[mine.pk]),
        {"percent": 10, "effective_date": "2025-10-01", "note": "Phối hợp"},
        headers={"HX-Request": "true"},
    )
    assert refused.status_code == 422 and mine.updates.count() == 0


@time_machine.travel(TODAY)
def test_officer_home_costs_the_same_queries_for_3_or_13_rows(
    make_task, agency_a, client_for, officer_a, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(officer_a)
    for i in range(3):
        make_task(f"Nhiệm vụ {i}", leads=[agency_a], deadline="Tháng 8/2025")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    for i in range(10):
        make_task(f"Nhiệm vụ thêm {i}", leads=[agency_a], deadline="Năm 2030")
    with django_assert_num_queries(len(few)):
        client.get(reverse("home"))
