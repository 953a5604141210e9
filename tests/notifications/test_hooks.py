"""Each event of the register and of a commune's request tells the right people, once, and
nobody else: not the one who acted, not another agency, not the sibling province."""

from datetime import date

import pytest
import time_machine

from communes.workflow import Action
from notifications import kinds
from tasks import services
from tasks.models import Assignment, Task
from tests.communes.conftest import TO_ALLOCATED, TO_APPROVED
from tests.notifications.conftest import told

pytestmark = pytest.mark.usefixtures("outsider")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2025, 8, 1)):
        yield


def test_a_new_task_is_told_to_its_lead_and_coordinating_agencies(
    make_task, agency_a, agency_b, mailoutbox, delivered
):
    with delivered():
        task = make_task(
            "Số hóa hồ sơ", leads=[agency_a], coordinators=[agency_b], deadline="Quý III/2025"
        )

    got = told(kinds.TASK_ASSIGNED)
    assert set(got) == {"officer_a", "officer_b"}
    lead, coordinating = got["officer_a"][0], got["officer_b"][0]
    assert lead.url == f"/tasks/{task.pk}/" and "30/09/2025" in lead.body
    assert "chủ trì" in lead.body and "phối hợp" in coordinating.body
    assert sorted(m.to[0] for m in mailoutbox) == [
        "officer_a@gialai.gov.vn",
        "officer_b@gialai.gov.vn",
    ]


def test_an_agency_added_later_is_told_once(make_task, secretariat, agency_a, agency_b):
    task = make_task("Số hóa hồ sơ", leads=[agency_a])
    for _ in range(2):
        services.assignment_add(
            task=task, agency=agency_b, role=Assignment.Role.COORDINATING, user=secretariat
        )
    assert [n.key for n in told(kinds.TASK_ASSIGNED)["officer_b"]] == [
        f"task_assigned:{task.pk}:{agency_b.pk}:coordinating"
    ]


def test_a_changed_deadline_is_told_to_the_agencies_following_it(
    make_task, secretariat, agency_a, agency_b, commune_agency
):
    task = make_task("Số hóa hồ sơ", leads=[agency_a, agency_b], deadline="Quý III/2025")
    services.assignment_add(  # the ward keeps a deadline of its own
        task=task, agency=commune_agency, role="lead", user=secretariat, due_date=date(2025, 9, 1)
    )
    task.refresh_from_db()
    services.task_update(
        task=task, user=secretariat, expected_version=task.version, title="Đổi tên"
    )
    assert told(kinds.DEADLINE_CHANGED) == {}  # the deadline did not move

    task.refresh_from_db()
    services.task_update(
        task=task, user=secretariat, expected_version=task.version, deadline_text="Quý IV/2025"
    )
    got = told(kinds.DEADLINE_CHANGED)
    assert set(got) == {"officer_a", "officer_b"}
    assert "31/12/2025" in got["officer_a"][0].body and "30/09/2025" in got["officer_a"][0].body


def _awaiting(task: Task, user) -> Assignment:
    assignment = task.assignments.get()
    services.progress_log(
        assignment=assignment,
        user=user,
        percent=100,
        completed=True,
        note="Đã ban hành kế hoạch",
        effective_date=date(2025, 7, 30),
    )
    return assignment


def test_a_returned_completion_is_told_with_its_reason(
    make_task, secretariat, officer_a, agency_a, mailoutbox, delivered
):
    assignment = _awaiting(make_task("Ban hành kế hoạch", leads=[agency_a]), officer_a)
    mailoutbox.clear()
    with delivered():
        update = services.completion_return(
            assignment=assignment, user=secretariat, reason="Thiếu quyết định ban hành"
        )

    got = told(kinds.COMPLETION_RETURNED)
    assert list(got) == ["officer_a"]
    assert got["officer_a"][0].key == f"completion_returned:{assignment.pk}:{update.pk}"
    assert "Thiếu quyết định ban hành" in got["officer_a"][0].body
    assert [m.to for m in mailoutbox] == [["officer_a@gialai.gov.vn"]]
    assert "Thiếu quyết định ban hành" in mailoutbox[0].body


def test_a_confirmed_completion_is_told_to_the_agency(make_task, secretariat, officer_a, agency_a):
    assignment = _awaiting(make_task("Ban hành kế hoạch", leads=[agency_a]), officer_a)
    services.completion_confirm(assignment=assignment, user=secretariat)
    assert list(told(kinds.COMPLETION_CONFIRMED)) == ["officer_a"]


def test_an_import_tells_each_agency_once_for_the_whole_file(
    committee, secretariat, agency_a, agency_b, mailoutbox, delivered
):
    rows = [
        services.ImportedTask(
            task=Task(committee=committee, title=f"Nhiệm vụ {n}", field="digital_government"),
            is_new=True,
            fields_changed=True,
            leads=[agency_a],
            coordinators=[agency_b] if n % 2 else [],
        )
        for n in range(40)
    ]
    with delivered():
        services.tasks_import(committee=committee, user=secretariat, rows=rows)

    got = told()
    assert {name: [n.kind for n in ns] for name, ns in got.items()} == {
        "officer_a": [kinds.TASKS_IMPORTED],
        "officer_b": [kinds.TASKS_IMPORTED],
    }
    assert got["officer_a"][0].params["count"] == 40
    assert got["officer_b"][0].params["leads"] == 0
    assert len(mailoutbox) == 2


def test_each_step_of_a_request_goes_to_the_next_step_and_the_commune(
    make_request, advance, commune_officer, reviewer, finance, mailoutbox
):
    request = advance(make_request(), Action.SUBMIT)
    assert set(told(kinds.REQUEST_STEP)) == {"reviewer"}  # the commune itself submitted

    advance(request, Action.START_REVIEW, Action.RETURN)
    got = told(kinds.REQUEST_STEP)
    assert len(got["commune_officer"]) == 1 and "Bổ sung báo giá" in got["commune_officer"][0].body

    approved = advance(make_request(title="Máy chủ"), *TO_APPROVED)
    got = told(kinds.REQUEST_STEP)
    assert "230.000.000" in got["finance"][0].body
    assert [n.params["step"] for n in got["commune_officer"]] == ["returned", "approved"]

    advance(approved, Action.ALLOCATE)
    allocated = advance(make_request(title="Mạng"), *TO_ALLOCATED)
    from communes import services as commune_services

    commune_services.disbursement_create(
        allocation=allocated.allocation,
        user=finance,
        amount=100_000_000,
        paid_on=date(2025, 9, 5),
        reference="UNC-01",
    )
    steps = [n.params["step"] for n in told(kinds.REQUEST_STEP)["commune_officer"]]
    assert steps == ["returned", "approved", "allocated", "approved", "allocated", "disbursed"]
    assert "UNC-01" in told(kinds.REQUEST_STEP)["commune_officer"][-1].body
    assert set(told(kinds.REQUEST_STEP)) == {"reviewer", "commune_officer", "finance"}


def test_a_rejection_is_told_to_the_commune(make_request, advance):
    advance(make_request(), Action.SUBMIT, Action.START_REVIEW, Action.REJECT)
    got = told(kinds.REQUEST_STEP)["commune_officer"]
    assert [n.params["step"] for n in got] == ["rejected"]
    assert "bị từ chối" in got[0].subject
