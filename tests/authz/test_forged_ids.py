"""Forged ids: a form, filter or API input naming another tenant's object (typed by hand, or
kept from a stale page) is refused on that field, and nothing is written.

Province A's personas post the ids of province B's objects (and of the central committee's,
where A may not use them); the answer is 400 (422 for the report form) naming the field.
"""

import pytest
from django.urls import reverse

from reports.models import Report
from tasks.models import Assignment, ImportBatch, Task


def _task_data(world, **forged) -> dict:
    a = world.tenants["A"]
    data = {
        "code": "",
        "title": "Nhiệm vụ mới của tỉnh",
        "field": "digital_government",
        "level": "province",
        "deadline_text": "Năm 2025",
        "leads": [a.obj["agency"].pk],
    }
    return {**data, **forged}


FORGED_TASK_FIELDS = {
    # field: how to find the forged value (an object the secretariat of A may not use)
    "leads": lambda w: [w.tenants["B"].obj["agency"].pk],
    "coordinators": lambda w: [w.tenants["B"].obj["commune_agency"].pk],
    "meeting": lambda w: w.tenants["B"].obj["meeting"].pk,
    "source_document": lambda w: w.tenants["B"].obj["document"].pk,
    "parent": lambda w: w.tenants["B"].obj["task"].pk,
    "upstream": lambda w: w.central_task_for_b.pk,
}


def test_the_unforged_task_form_is_accepted(world, db, client):
    """The control: the same data with A's own choices creates the task."""
    client.force_login(world.personas["secretariat"])
    a = world.tenants["A"]
    data = _task_data(
        world,
        meeting=a.obj["meeting"].pk,
        source_document=world.tenants["C"].obj["document"].pk,  # the centre's: citable
        upstream=world.tenants["C"].obj["task"].pk,  # received from the centre
    )
    response = client.post(reverse("task_create"), data)
    assert response.status_code == 302, response.context["form"].errors


@pytest.mark.parametrize("field", FORGED_TASK_FIELDS)
def test_a_task_cannot_name_another_tenant_s_object(world, db, client, field):
    client.force_login(world.personas["secretariat"])
    before = Task.objects.count()
    data = _task_data(world, **{field: FORGED_TASK_FIELDS[field](world)})
    response = client.post(reverse("task_create"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Task.objects.count() == before

    if field in ("leads", "coordinators"):
        return  # chosen only when the task is created
    task = world.tenants["A"].obj["task"]
    edit = {
        **_task_data(world, **{field: FORGED_TASK_FIELDS[field](world)}),
        "version": task.version,
    }
    response = client.post(reverse("task_edit", args=[task.pk]), edit)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    task.refresh_from_db()
    assert getattr(task, f"{field}_id") is None


def test_an_agency_of_another_province_cannot_be_assigned(world, db, client):
    client.force_login(world.personas["secretariat"])
    task = world.tenants["A"].obj["task"]
    before = list(task.assignments.values_list("agency_id", flat=True))
    data = {"agency": world.tenants["B"].obj["agency"].pk, "role": "coordinating"}
    response = client.post(reverse("assignment_create", args=[task.pk]), data)
    assert response.status_code == 302  # back to the task, with the form's error
    assert list(task.assignments.values_list("agency_id", flat=True)) == before


@pytest.mark.parametrize("tenant", ["B", "C"])
def test_a_report_cannot_be_requested_for_another_committee(world, db, client, tenant):
    client.force_login(world.personas["secretariat"])
    before = Report.objects.count()
    data = {"committee": world.tenants[tenant].committee.pk, "period": "quarterly:2025-07-01"}
    response = client.post(reverse("report_create"), data)
    assert response.status_code == 422
    assert "committee" in response.context["form"].errors
    assert Report.objects.count() == before


@pytest.mark.parametrize("name", ["task_list", "task_export"])
@pytest.mark.parametrize("param", ["agency", "committee"])
def test_register_filters_refuse_another_province_s_ids(world, db, client, name, param):
    client.force_login(world.personas["leader"])
    b = world.tenants["B"]
    value = b.obj["agency"].pk if param == "agency" else b.committee.pk
    response = client.get(reverse(name), {param: value})
    assert response.status_code == 400
    assert b.prefix not in response.content.decode()


@pytest.mark.parametrize("param", ["agency", "committee"])
def test_the_api_finds_nothing_for_another_province_s_ids(world, db, client, param):
    """The API answers an id the user cannot see with an empty list (as for an unknown id),
    so a client cannot tell the two apart; nothing of the sibling province is named."""
    client.force_login(world.personas["leader"])
    b = world.tenants["B"]
    value = b.obj["agency"].pk if param == "agency" else b.committee.pk
    response = client.get(reverse("api_task_list"), {param: value})
    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert b.prefix not in response.content.decode()


def test_a_request_cannot_be_filed_for_another_province_s_commune(world, db, client):
    client.force_login(world.personas["commune_officer"])
    commune = world.tenants["B"].obj["commune"]
    before = commune.requests.count()
    data = {
        "commune": commune.pk,
        "title": "Trang bị máy tính",
        "justification": "Phục vụ người dân",
        "items": [{"category": "computers", "description": "Máy", "quantity": 1, "unit_price": 10}],
    }
    response = client.post(
        reverse("api_commune_request_list"), data, content_type="application/json"
    )
    assert response.status_code == 400
    assert "commune" in response.json()["errors"]
    assert commune.requests.count() == before


def test_the_import_mapper_cannot_map_a_name_to_another_province_s_agency(world, db, client):
    """The preview's agency choices are A's; an id of B's agency posted anyway is ignored:
    the confirmed import assigns nothing to it."""
    client.force_login(world.personas["secretariat"])
    batch = world.tenants["A"].obj["import_batch"]
    b_agency = world.tenants["B"].obj["agency"]
    url = reverse("import_preview", args=[batch.pk])
    client.post(url, {"agency-0": str(b_agency.pk)})
    preview = client.get(url)
    assert preview.status_code == 200
    assert world.tenants["B"].prefix not in preview.content.decode()
    client.post(reverse("import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status in (ImportBatch.Status.DONE, ImportBatch.Status.FAILED)
    assert not Assignment.objects.filter(agency=b_agency, task__committee=batch.committee)
    assert not Task.objects.filter(committee=batch.committee, assignments__agency=b_agency)
