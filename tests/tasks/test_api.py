from datetime import date

import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from tasks.models import ProgressUpdate


def api(user=None) -> APIClient:
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


@time_machine.travel(date(2025, 10, 15))
def test_api_lists_visible_tasks_with_category_and_filters(
    officer_a, make_task, agency_a, agency_b
):
    mine = make_task("Chuyển đổi số", leads=[agency_a], deadline="Quý III/2025")
    make_task("Của sở khác", leads=[agency_b], deadline="Quý III/2025")
    response = api(officer_a).get(reverse("api_task_list"), {"q": "chuyen doi"})
    assert response.status_code == 200
    assert [t["code"] for t in response.data["results"]] == [mine.code]
    assert response.data["results"][0]["category"] == "not_started_overdue"


def test_api_requires_authentication(db):
    assert api().get(reverse("api_task_list")).status_code in (401, 403)


@time_machine.travel(date(2025, 8, 10))
def test_api_progress_applies_the_same_rules_and_answers_400_with_details(
    officer_a, officer_b, make_task, agency_a
):
    task = make_task("Số hóa", leads=[agency_a], deadline="Quý III/2025")
    lead = task.assignments.get()
    url = reverse("api_progress_create", args=[lead.pk])
    future = api(officer_a).post(
        url, {"percent": 20, "effective_date": "2025-09-01", "version": 1}, format="json"
    )
    assert future.status_code == 400 and "effective_date" in future.data["errors"]
    too_much = api(officer_a).post(
        url, {"percent": 120, "effective_date": "2025-08-01", "version": 1}, format="json"
    )
    assert too_much.status_code == 400 and "percent" in too_much.data["errors"]
    assert (
        api(officer_b)
        .post(url, {"percent": 20, "effective_date": "2025-08-01", "version": 1}, format="json")
        .status_code
        == 404
    )
    ok = api(officer_a).post(
        url,
        {"percent": 20, "effective_date": "2025-08-01", "note": "x", "version": 1},
        format="json",
    )
    assert ok.status_code == 201 and ProgressUpdate.objects.count() == 1
    lead.refresh_from_db()
    assert lead.percent == 20


@time_machine.travel(date(2025, 8, 10))
def test_api_progress_needs_the_version_read_and_refuses_a_stale_one(
    officer_a, make_task, agency_a
):
    """Two clients read version 1; the first report is logged, the second (stale) gets 409;
    a report without ``version`` gets a 428 naming it. Dates outside 2000-2100 are refused."""
    lead = make_task("Số hóa", leads=[agency_a], deadline="Quý III/2025").assignments.get()
    url = reverse("api_progress_create", args=[lead.pk])
    report = {"percent": 20, "effective_date": "2025-08-01", "note": "Đang làm\x1b"}
    missing = api(officer_a).post(url, report, format="json")
    assert missing.status_code == 428 and list(missing.data["errors"]) == ["version"]
    ancient = api(officer_a).post(
        url, report | {"effective_date": "0001-01-01", "version": 1}, format="json"
    )
    assert ancient.status_code == 400 and list(ancient.data["errors"]) == ["effective_date"]
    assert not ProgressUpdate.objects.exists()

    first = api(officer_a).post(url, report | {"version": 1}, format="json")
    stale = api(officer_a).post(url, report | {"percent": 30, "version": 1}, format="json")

    assert first.status_code == 201 and stale.status_code == 409 and "version" in stale.data
    assert list(ProgressUpdate.objects.values_list("percent", "note")) == [(20, "Đang làm")]
