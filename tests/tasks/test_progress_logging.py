from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tasks.models import Assignment, ProgressUpdate, Task
from tasks.status import Category, Status

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def task(make_task, agency_a, agency_b):
    with time_machine.travel(date(2025, 7, 1)):
        return make_task(
            "Số hóa hồ sơ hộ tịch",
            leads=[agency_a],
            coordinators=[agency_b],
            deadline="Trước 15/8/2025",
        )


def log(client, assignment, **data):
    payload = {"percent": 40, "effective_date": "2025-08-01", "note": "Đã triển khai", **data}
    return client.post(reverse("progress_create", args=[assignment.pk]), payload)


@time_machine.travel(date(2025, 8, 10))
def test_officer_logs_progress_on_own_assignment(client_for, officer_a, task):
    lead = task.assignments.get(role=Assignment.Role.LEAD)
    response = log(client_for(officer_a), lead, percent=40)
    assert response.status_code == 302
    lead.refresh_from_db()
    task.refresh_from_db()
    assert (lead.status, lead.percent) == (Status.IN_PROGRESS, 40)
    assert (task.status, task.percent) == (Status.IN_PROGRESS, 40)
    update = ProgressUpdate.objects.get()
    assert update.author == officer_a and update.effective_date == date(2025, 8, 1)


@time_machine.travel(date(2025, 8, 10))
def test_officer_cannot_log_progress_on_another_agencys_assignment(client_for, officer_b, task):
    lead = task.assignments.get(role=Assignment.Role.LEAD)
    assert log(client_for(officer_b), lead).status_code == 404
    assert not ProgressUpdate.objects.exists()


@time_machine.travel(date(2025, 8, 10))
def test_leader_cannot_log_progress(client_for, leader, task):
    lead = task.assignments.get(role=Assignment.Role.LEAD)
    assert log(client_for(leader), lead).status_code == 404


@time_machine.travel(date(2025, 8, 10))
def test_htmx_log_returns_the_panel_with_the_new_entry(client_for, officer_a, task):
    lead = task.assignments.get(role=Assignment.Role.LEAD)
    response = client_for(officer_a).post(
        reverse("progress_create", args=[lead.pk]),
        {"percent": 55, "effective_date": "2025-08-09", "note": "Đã số hóa 55% hồ sơ"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="progress-panel"' in html and "Đã số hóa 55% hồ sơ" in html
    assert "<html" not in html  # a fragment, not a page


@time_machine.travel(date(2025, 8, 10))
def test_bad_input_is_refused_with_field_errors_and_changes_nothing(client_for, officer_a, task):
    lead = task.assignments.get(role=Assignment.Role.LEAD)
    client = client_for(officer_a)
    response = client.post(
        reverse("progress_create", args=[lead.pk]),
        {"percent": 140, "effective_date": "2025-09-30", "note": ""},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "100" in html  # the percent limit is named
    assert not ProgressUpdate.objects.exists()
    future = client.post(
        reverse("progress_create", args=[lead.pk]),
        {"percent": 10, "effective_date": "2025-09-30", "note": "Đã khảo sát"},
        headers={"HX-Request": "true"},
    )
    assert future.status_code == 422 and "tương lai" in future.content.decode()
    assert not ProgressUpdate.objects.exists()


def complete_and_confirm(client_for, officer, secretariat, assignment, reported: str):
    with time_machine.travel(date(2025, 8, 20)):
        log(
            client_for(officer),
            assignment,
            percent=100,
            completed="on",
            effective_date=reported,
            note="Đã ban hành kế hoạch",
        )
        assignment.refresh_from_db()
        assert assignment.status == Status.AWAITING
        client = client_for(secretariat)
        response = client.post(
            reverse("completion_confirm", args=[assignment.pk]), {"version": assignment.version}
        )
        assert response.status_code == 302


def test_confirmed_completion_counts_on_time_by_its_reported_date(
    client_for, officer_a, secretariat, task
):
    lead = task.assignments.get(role=Assignment.Role.LEAD)
    complete_and_confirm(client_for, officer_a, secretariat, lead, "2025-08-15")
    task.refresh_from_db()
    assert task.status == Status.COMPLETED and task.completed_on == date(2025, 8, 15)
    assert Task.objects.with_timeliness(date(2025, 12, 1)).get().category == (
        Category.COMPLETED_ON_TIME
    )


def test_completion_reported_after_the_deadline_counts_late(
    client_for, officer_a, secretariat, task
):
    lead = task.assignments.get(role=Assignment.Role.LEAD)
    complete_and_confirm(client_for, officer_a, secretariat, lead, "2025-08-16")
    assert Task.objects.with_timeliness(date(2025, 12, 1)).get().category == (
        Category.COMPLETED_LATE
    )


@time_machine.travel(date(2025, 8, 20))
def test_secretariat_sends_a_report_back_with_a_reason(client_for, officer_a, secretariat, task):
    lead = task.assignments.get(role=Assignment.Role.LEAD)
    log(client_for(officer_a), lead, percent=100, completed="on", note="Xong")
    lead.refresh_from_db()
    client = client_for(secretariat)
    empty = client.post(
        reverse("completion_return", args=[lead.pk]),
        {"version": lead.version},
        headers={"HX-Request": "true"},
    )
    assert empty.status_code == 422
    response = client.post(
        reverse("completion_return", args=[lead.pk]),
        {"version": lead.version, "reason": "Thiếu văn bản minh chứng"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    lead.refresh_from_db()
    assert lead.status == Status.IN_PROGRESS
    assert ProgressUpdate.objects.filter(kind="return", note="Thiếu văn bản minh chứng").exists()


@time_machine.travel(date(2025, 8, 20))
def test_officer_cannot_confirm_their_own_completion(client_for, officer_a, task):
    lead = task.assignments.get(role=Assignment.Role.LEAD)
    client = client_for(officer_a)
    log(client, lead, percent=100, completed="on", note="Xong")
    assert client.post(reverse("completion_confirm", args=[lead.pk])).status_code == 403
    assert client.get(reverse("confirmation_queue")).status_code == 403
    lead.refresh_from_db()
    assert lead.status == Status.AWAITING


@time_machine.travel(date(2025, 8, 20))
def test_task_with_many_leads_completes_only_when_every_lead_is_confirmed(
    make_task, complete, secretariat, client_for, commune_agency, agency_a, agency_b
):
    task = make_task(
        "Thành lập Ban Chỉ đạo cấp xã",
        leads=[commune_agency, agency_a, agency_b],
        deadline="Trước 15/8/2025",
    )
    leads = list(task.assignments.order_by("id"))
    for lead in leads[:2]:
        complete(lead, date(2025, 8, 10))
    task.refresh_from_db()
    assert task.status == Status.IN_PROGRESS and task.percent == 67
    page = client_for(secretariat).get(reverse("task_detail", args=[task.pk])).content.decode()
    assert "2/3" in page
    assert "SNV" in page.split("alert-warning")[1]  # the late lead is listed


@time_machine.travel(date(2025, 8, 10))
def test_evidence_is_checked_by_content_not_by_name(client_for, officer_a, task):
    lead = task.assignments.get(role=Assignment.Role.LEAD)
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 this is an executable", "application/pdf")
    response = client_for(officer_a).post(
        reverse("progress_create", args=[lead.pk]),
        {"percent": 50, "effective_date": "2025-08-09", "note": "x", "files": [fake]},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert "bao-cao.pdf" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


@time_machine.travel(date(2025, 8, 10))
def test_evidence_is_downloaded_only_by_those_who_see_the_task(
    client_for, officer_a, officer_b, leader, task, agency_b, committee
):
    from tests.factories import AgencyFactory, make_user

    lead = task.assignments.get(role=Assignment.Role.LEAD)
    pdf = SimpleUploadedFile("ke-hoach.pdf", PDF_BYTES, "application/pdf")
    log(client_for(officer_a), lead, files=[pdf])
    evidence = ProgressUpdate.objects.get().evidence.get()
    url = reverse("evidence_download", args=[evidence.pk])
    response = client_for(officer_a).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert "ke-hoach.pdf" in response["Content-Disposition"]
    assert client_for(leader).get(url).status_code == 200
    assert client_for(officer_b).get(url).status_code == 200  # agency B coordinates this task
    outsider = make_user("outsider", "agency_officer", committee, AgencyFactory(name="Sở Y tế"))
    assert client_for(outsider).get(url).status_code == 404
    assert not str(evidence.file.path).startswith("/static")


@time_machine.travel(date(2025, 8, 10))
def test_secretariat_picks_which_agency_to_log_for(
    client_for, secretariat, officer_b, make_task, commune_agency, agency_b
):
    task = make_task("Thành lập Ban Chỉ đạo cấp xã", leads=[commune_agency, agency_b])
    commune_lead = task.assignments.get(agency=commune_agency)
    url = reverse("task_detail", args=[task.pk])
    page = client_for(secretariat).get(url, {"assignment": commune_lead.pk})
    assert page.context["target"] == commune_lead
    assert reverse("progress_create", args=[commune_lead.pk]) in page.content.decode()
    # An officer cannot pick another agency's assignment: they get their own form.
    own = client_for(officer_b).get(url, {"assignment": commune_lead.pk})
    assert own.context["target"].agency == agency_b
