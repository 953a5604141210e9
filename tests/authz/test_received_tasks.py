"""Work received from the committee above: the central task led by the ministry and by both
provinces (see ``conftest.py``). Each province's secretariat and leaders see the task and
report on their own province's assignment; neither ever sees the other's assignment, progress
notes or evidence, on any page, fragment, file or API answer."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from tests.authz.matrix import fetch

SIBLING = {"A": "B", "B": "A"}


def _login(world, province: str, role: str) -> Client:
    client = Client()
    client.force_login(world.tenants[province].users[role])
    return client


@pytest.mark.parametrize("province", ["A", "B"])
@pytest.mark.parametrize("role", ["secretariat", "leader"])
def test_the_task_page_and_api_show_only_the_own_province_s_work(world, db, province, role):
    client = _login(world, province, role)
    own, other = world.tenants[province], world.tenants[SIBLING[province]]
    task = world.tenants["C"].obj["task"]
    for name in ("task_detail", "api_task_detail"):
        answer = fetch(client, "GET", reverse(name, args=[task.pk]), api=name.startswith("api"))
        assert answer.status == 200, name
        assert own.marker("central-note") in answer.body or name == "api_task_detail"
        for text in (other.marker("central-note"), other.marker("central-evidence")):
            assert text not in answer.body, f"{name} as {province}'s {role} shows {text}"
        assert other.obj["received_assignment"].agency.name not in answer.body, name
    for name in ("task_list", "api_task_list", "task_export"):
        answer = fetch(client, "GET", reverse(name), api=name.startswith("api"))
        assert world.tenants["C"].marker("task") in answer.body, name
        assert other.obj["received_assignment"].agency.name not in answer.body, name


@pytest.mark.parametrize("province", ["A", "B"])
def test_the_secretariat_reports_on_its_own_province_s_assignment_only(world, db, province):
    client = _login(world, province, "secretariat")
    own, other = world.tenants[province], world.tenants[SIBLING[province]]
    data = {"percent": 60, "effective_date": date(2025, 9, 1).strftime("%d/%m/%Y"), "note": "Tiếp"}

    mine = reverse("progress_create", args=[own.obj["received_assignment"].pk])
    panel = client.post(mine, data, headers={"HX-Request": "true"})
    assert panel.status_code == 200, panel.content.decode()[:500]
    body = panel.content.decode()
    assert own.marker("central-note") in body
    for text in (other.marker("central-note"), other.marker("central-evidence")):
        assert text not in body, f"the progress panel shows the sibling's {text}"

    theirs = reverse("progress_create", args=[other.obj["received_assignment"].pk])
    assert client.post(theirs, data).status_code == 404
    api = reverse("api_progress_create", args=[other.obj["received_assignment"].pk])
    assert client.post(api, data, content_type="application/json").status_code == 404


@pytest.mark.parametrize("province", ["A", "B"])
def test_evidence_of_the_other_province_s_work_is_not_found(world, db, province):
    client = _login(world, province, "secretariat")
    own, other = world.tenants[province], world.tenants[SIBLING[province]]
    url = reverse("evidence_download", args=[own.obj["received_evidence"].pk])
    assert fetch(client, "GET", url).status == 200
    url = reverse("evidence_download", args=[other.obj["received_evidence"].pk])
    assert fetch(client, "GET", url).status == 404


@pytest.mark.parametrize("persona", ["secretariat", "leader", "agency_officer", "commune_officer"])
def test_a_central_task_for_the_sibling_alone_is_not_found(world, db, client, persona):
    client.force_login(world.personas[persona])
    task = world.central_task_for_b
    for name in ("task_detail", "api_task_detail"):
        url = reverse(name, args=[task.pk])
        assert fetch(client, "GET", url, api=name.startswith("api")).status == 404, name
