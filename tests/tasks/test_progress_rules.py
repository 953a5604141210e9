"""The progress form's rules, the same through the page and the API, and the task page's header
refreshed out of band after an htmx save."""

import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from tasks import services
from tasks.models import ProgressUpdate
from tasks.status import Status

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(date(2025, 8, 10)):
        yield


@pytest.fixture
def lead(make_task, agency_a):
    return make_task("Số hóa hồ sơ", leads=[agency_a], deadline="Quý III/2025").assignments.get()


def report(officer, lead, **values):
    services.progress_log(
        assignment=lead,
        user=officer,
        percent=values.get("percent", 100),
        completed=values.get("completed", True),
        note="Đã xong",
        effective_date=date(2025, 8, 1),
    )
    lead.refresh_from_db()


def page_post(client, lead, **data):
    data = {"effective_date": "2025-08-09", "version": lead.version} | data
    return client.post(
        reverse("progress_create", args=[lead.pk]), data, headers={"HX-Request": "true"}
    )


def api_post(officer, lead, **data):
    client = APIClient()
    client.force_authenticate(officer)
    data = {"effective_date": "2025-08-09", "version": lead.version} | data
    return client.post(reverse("api_progress_create", args=[lead.pk]), data, format="json")


def test_a_note_is_required(client_for, officer_a, lead):
    response = page_post(client_for(officer_a), lead, percent=20, note=" ")
    assert response.status_code == 422 and "Nội dung đã thực hiện: bắt buộc" in response.text
    api = api_post(officer_a, lead, percent=20, note="")
    assert api.status_code == 400 and list(api.data["errors"]) == ["note"]
    assert not ProgressUpdate.objects.exists()


def test_a_lower_percent_asks_for_its_reason(client_for, officer_a, lead):
    report(officer_a, lead, percent=60, completed=False)
    client = client_for(officer_a)
    response = page_post(client, lead, percent=5, note="Làm lại")
    assert response.status_code == 422 and "Lý do giảm tỷ lệ: 5% thấp hơn" in response.text
    assert list(api_post(officer_a, lead, percent=5, note="Làm lại").data["errors"]) == [
        "lower_reason"
    ]
    assert lead.updates.count() == 1
    saved = page_post(client, lead, percent=5, note="Làm lại", lower_reason="Đổi phần mềm")
    assert saved.status_code == 200
    assert lead.updates.first().note == "Làm lại\nLý do giảm tỷ lệ: Đổi phần mềm"


def test_completion_means_100_percent_and_is_never_raised_silently(client_for, officer_a, lead):
    form = client_for(officer_a).get(reverse("task_detail", args=[lead.task_id])).text
    assert "Hoàn thành nghĩa là 100%" in form and "Số liệu tính đến ngày" in form
    response = page_post(client_for(officer_a), lead, percent=60, completed="on", note="Xong")
    assert response.status_code == 422 and "Tỷ lệ hoàn thành: báo cáo hoàn thành" in response.text
    api = api_post(officer_a, lead, percent=60, completed=True, note="Xong")
    assert api.status_code == 400 and list(api.data["errors"]) == ["percent"]
    assert not ProgressUpdate.objects.exists()


def test_an_update_on_a_completion_awaiting_confirmation_must_withdraw_it(
    client_for, officer_a, lead
):
    report(officer_a, lead)
    client = client_for(officer_a)
    page = client.get(reverse("task_detail", args=[lead.task_id])).text
    assert "Rút lại báo cáo hoàn thành" in page
    refused = page_post(client, lead, percent=100, note="Bổ sung")
    assert refused.status_code == 422 and "đánh dấu “Rút lại báo cáo hoàn thành”" in refused.text
    assert list(api_post(officer_a, lead, percent=100, note="Bổ sung").data["errors"]) == [
        "withdraw"
    ]
    lead.refresh_from_db()
    assert lead.status == Status.AWAITING and lead.updates.count() == 1
    withdrawn = page_post(client, lead, percent=100, note="Bổ sung", withdraw="on")
    assert withdrawn.status_code == 200
    lead.refresh_from_db()
    assert lead.status == Status.IN_PROGRESS


def test_a_new_completion_report_keeps_the_assignment_in_the_queue(officer_a, lead):
    report(officer_a, lead)
    response = api_post(officer_a, lead, percent=100, completed=True, note="Kèm biên bản")
    assert response.status_code == 201
    lead.refresh_from_db()
    assert lead.status == Status.AWAITING


def test_an_htmx_save_refreshes_the_header_out_of_band(client_for, officer_a, lead):
    response = page_post(client_for(officer_a), lead, percent=55, note="Đã số hóa 55%")
    html = response.text
    assert response.status_code == 200
    for fragment in ("task-status", "task-late", "task-assignments", "queue-count-overdue"):
        assert re.search(rf'<[^>]* id="{fragment}"[^>]* hx-swap-oob="true"', html), fragment
    status = html.split('id="task-status"')[1].split("</div>\n</div>")[0]
    assert "55%" in status and 'aria-valuenow="55"' in status
