"""Tasks and assignments through the API: created and changed by the secretariat with the task
form's rules and the services the pages call; optimistic locking by ``version`` or If-Match."""

from datetime import date

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tasks.models import Assignment, Evidence, Extension, ProgressUpdate, Task
from tests.api.conftest import PDF

TODAY = date(2025, 8, 10)


@time_machine.travel(TODAY)
def test_the_secretariat_creates_a_task_with_its_leads(api, secretariat, agency_a, agency_b):
    data = {
        "title": "Số hóa hồ sơ",
        "field": "digital_government",
        "deadline_text": "Quý III/2025",
        "leads": [agency_a.pk],
        "coordinators": [agency_b.pk],
    }
    response = api(secretariat).post(reverse("api_task_list"), data, format="json")
    assert response.status_code == 201, response.data
    task = Task.objects.get()
    assert response.data["code"] == task.code == "57-001"
    assert response.data["due_date"] == "2025-09-30"
    assert response["ETag"] == '"1"'
    roles = {(a["agency_id"], a["role"]) for a in response.data["assignments"]}
    assert roles == {(agency_a.pk, "lead"), (agency_b.pk, "coordinating")}


@time_machine.travel(TODAY)
def test_creation_applies_the_form_s_rules(api, secretariat, officer_a, agency_a, make_task):
    make_task("Đã có", leads=[agency_a])
    client = api(secretariat)
    url = reverse("api_task_list")
    base = {"title": "Mới", "field": "digital_government", "leads": [agency_a.pk]}
    bad_deadline = client.post(url, base | {"deadline_text": "sớm"}, format="json")
    assert bad_deadline.status_code == 400
    assert list(bad_deadline.data["errors"]) == ["deadline_text"]
    taken = client.post(url, base | {"code": "57-001"}, format="json")
    assert list(taken.data["errors"]) == ["code"]
    no_lead = client.post(url, base | {"leads": []}, format="json")
    assert list(no_lead.data["errors"]) == ["leads"]
    too_long = client.post(url, base | {"code": "x" * 33}, format="json")
    assert too_long.status_code == 400 and "code" in too_long.data["errors"]
    assert api(officer_a).post(url, base, format="json").status_code == 403
    assert Task.objects.count() == 1


@time_machine.travel(TODAY)
def test_an_agency_of_another_committee_is_not_a_choice(
    api, secretariat, agency_a, other_committee
):
    from tests.factories import AgencyFactory

    foreign = AgencyFactory(name="Sở ngoài", committee=other_committee)
    data = {"title": "Mới", "field": "digital_government", "leads": [foreign.pk]}
    response = api(secretariat).post(reverse("api_task_list"), data, format="json")
    assert response.status_code == 400 and "leads" in response.data["errors"]


@time_machine.travel(TODAY)
def test_updates_need_the_version_read_and_refuse_a_stale_one(
    api, secretariat, administrator, agency_a, make_task
):
    task = make_task("Cũ", leads=[agency_a], deadline="Quý III/2025")
    url = reverse("api_task_detail", args=[task.pk])
    client = api(secretariat)
    read = client.get(url)
    assert read["ETag"] == '"1"' and read.data["version"] == 1

    missing = client.patch(url, {"title": "Mới"}, format="json")
    assert missing.status_code == 428
    assert missing.data["code"] == "precondition_required" and "version" in missing.data["errors"]
    assert missing.data["detail"].startswith("Hãy gửi")  # in the user's language (vi default)

    saved = client.patch(url, {"title": "Mới", "version": 1}, format="json")
    assert saved.status_code == 200 and saved.data["title"] == "Mới" and saved["ETag"] == '"2"'

    administrator.first_name, administrator.last_name = "Quản", "Trị"
    administrator.save()
    api(administrator).patch(url, {"deadline_text": "Năm 2025", "version": 2}, format="json")
    stale = client.patch(url, {"title": "Của tôi", "version": 2}, format="json")
    assert stale.status_code == 409
    assert stale.data["code"] == "conflict" and stale.data["version"] == 3
    assert "Quản" in stale.data["changed_by"] and "Quản" in stale.data["detail"]
    assert stale.data["changed_at"].startswith("2025-08-10")

    via_header = client.patch(url, {"title": "Của tôi"}, format="json", HTTP_IF_MATCH='"2"')
    assert via_header.status_code == 412 and via_header.data["code"] == "precondition_failed"
    fresh = client.patch(url, {"title": "Của tôi"}, format="json", HTTP_IF_MATCH='"3"')
    assert fresh.status_code == 200
    task.refresh_from_db()
    assert (task.title, task.due_date, task.version) == ("Của tôi", date(2025, 12, 31), 4)


@time_machine.travel(TODAY)
def test_only_the_secretariat_changes_a_task(api, leader, officer_a, agency_a, make_task):
    task = make_task("Cũ", leads=[agency_a])
    url = reverse("api_task_detail", args=[task.pk])
    for user in (leader, officer_a):
        assert api(user).patch(url, {"title": "X", "version": 1}, format="json").status_code == 403
    assert Task.objects.get().title == "Cũ"


@time_machine.travel(TODAY)
def test_assignments_are_added_and_changed_with_locking(
    api, secretariat, officer_a, agency_a, agency_b, make_task
):
    task = make_task("Việc", leads=[agency_a], deadline="Quý III/2025")
    client = api(secretariat)
    added = client.post(
        reverse("api_task_assignments", args=[task.pk]),
        {"agency": agency_b.pk, "role": "coordinating"},
        format="json",
    )
    assert added.status_code == 201 and added.data["role"] == "coordinating"
    listed = api(officer_a).get(reverse("api_task_assignments", args=[task.pk]))
    assert listed.data["count"] == 2
    url = reverse("api_assignment_detail", args=[added.data["id"]])
    assert client.get(url)["ETag"] == '"1"'
    assert client.patch(url, {"role": "lead"}, format="json").status_code == 428
    changed = client.patch(
        url, {"role": "lead", "due_date": "2025-09-15", "version": 1}, format="json"
    )
    assert changed.status_code == 200, changed.data
    assert (changed.data["role"], changed.data["due_date"], changed.data["version"]) == (
        "lead",
        "2025-09-15",
        2,
    )
    stale = client.patch(url, {"role": "coordinating", "version": 1}, format="json")
    assert stale.status_code == 409 and stale.data["version"] == 2
    assert api(officer_a).patch(url, {"version": 2}, format="json").status_code == 403


@time_machine.travel(TODAY)
def test_progress_with_evidence_files_as_multipart(api, officer_a, officer_b, agency_a, make_task):
    lead = make_task("Việc", leads=[agency_a], deadline="Quý III/2025").assignments.get()
    url = reverse("api_progress_create", args=[lead.pk])
    report = {"percent": 30, "effective_date": "2025-08-09", "note": "Đã khảo sát", "version": 1}
    fake = SimpleUploadedFile("bien-ban.pdf", b"not a pdf", content_type="application/pdf")
    refused = api(officer_a).post(url, report | {"files": [fake]}, format="multipart")
    assert refused.status_code == 400 and list(refused.data["errors"]) == ["files"]
    assert "bien-ban.pdf" in refused.data["errors"]["files"][0]
    assert not ProgressUpdate.objects.exists()

    pdf = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    saved = api(officer_a).post(url, report | {"files": [pdf]}, format="multipart")
    assert saved.status_code == 201, saved.data
    assert [e["original_name"] for e in saved.data["evidence"]] == ["bien-ban.pdf"]
    assert Evidence.objects.get().update.assignment == lead

    stale = api(officer_a).post(url, report | {"percent": 40}, format="multipart")
    assert stale.status_code == 409 and stale.data["version"] == 2
    other = api(officer_b).post(url, report | {"version": 2}, format="json")
    assert other.status_code == 404
    log = api(officer_a).get(url)
    assert log.data["count"] == 1 and log.data["results"][0]["percent"] == 30
    by_task = api(officer_a).get(reverse("api_task_progress", args=[lead.task_id]))
    assert [u["id"] for u in by_task.data["results"]] == [saved.data["id"]]


@time_machine.travel(TODAY)
def test_extension_requested_by_the_agency_and_decided_by_the_secretariat(
    api, secretariat, officer_a, officer_b, agency_a, make_task
):
    lead = make_task("Việc", leads=[agency_a], deadline="31/08/2025").assignments.get()
    ask = {"new_due": "2025-10-31", "reason": "Chờ kinh phí"}
    create = reverse("api_extension_create", args=[lead.pk])
    assert api(officer_b).post(create, ask, format="json").status_code == 404
    past = api(officer_a).post(create, ask | {"new_due": "2025-08-01"}, format="json")
    assert past.status_code == 400 and list(past.data["errors"]) == ["new_due"]
    made = api(officer_a).post(create, ask, format="json")
    assert made.status_code == 201 and made.data["status"] == "pending"
    pk = made.data["id"]
    assert api(officer_a).post(reverse("api_extension_grant", args=[pk])).status_code == 403
    pending = api(secretariat).get(reverse("api_extension_list"), {"status": "pending"})
    assert [e["id"] for e in pending.data["results"]] == [pk]
    of_lead = api(secretariat).get(reverse("api_extension_list"), {"assignment": lead.pk})
    assert [e["id"] for e in of_lead.data["results"]] == [pk]
    unknown = api(secretariat).get(reverse("api_extension_list"), {"assignment": 999999})
    assert unknown.status_code == 200 and unknown.data["count"] == 0
    granted = api(secretariat).post(reverse("api_extension_grant", args=[pk]))
    assert granted.status_code == 200 and granted.data["status"] == "granted"
    again = api(secretariat).post(reverse("api_extension_refuse", args=[pk]), {"reason": "Không"})
    assert again.status_code == 400 and again.data["errors"]["non_field_errors"]
    lead.refresh_from_db()
    assert lead.due_date == date(2025, 10, 31)
    assert Extension.objects.get().status == "granted"


@time_machine.travel(TODAY)
def test_a_refusal_needs_its_reason(api, secretariat, officer_a, agency_a, make_task):
    lead = make_task("Việc", leads=[agency_a], deadline="31/08/2025").assignments.get()
    made = api(officer_a).post(
        reverse("api_extension_create", args=[lead.pk]),
        {"new_due": "2025-10-31", "reason": "Chờ"},
        format="json",
    )
    url = reverse("api_extension_refuse", args=[made.data["id"]])
    blank = api(secretariat).post(url, {"reason": ""}, format="json")
    assert blank.status_code == 400 and "reason" in blank.data["errors"]
    refused = api(secretariat).post(url, {"reason": "Không đủ căn cứ"}, format="json")
    assert refused.status_code == 200 and refused.data["decision_note"] == "Không đủ căn cứ"
    assert Assignment.objects.get().due_date is None
