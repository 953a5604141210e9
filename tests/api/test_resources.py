"""Reading and acting on the other resources through the API, by role, with the pages' rules:
reports (request, poll, download each format), notifications, indicator values, communes and
money, committee data."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from notifications import kinds
from notifications.services import notify
from reports.models import Report
from steering.models import IndicatorValue
from tests.factories import IndicatorFactory, MeetingFactory

TODAY = date(2025, 10, 15)


@pytest.fixture
def q3_register(make_task, complete, agency_a, agency_b):
    with time_machine.travel(date(2025, 7, 1)):
        done = make_task("Số hóa hồ sơ", leads=[agency_a], deadline="31/08/2025")
        make_task("Chữ ký số", leads=[agency_b], deadline="31/08/2025")
    with time_machine.travel(date(2025, 8, 20)):
        complete(done.assignments.get(), date(2025, 8, 20))


@time_machine.travel(TODAY)
def test_a_report_is_requested_polled_and_downloaded_in_each_format(
    api, secretariat, leader, officer_a, committee, q3_register, django_capture_on_commit_callbacks
):
    client = api(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        requested = client.post(reverse("api_report_list"), {"period": "2025-Q3"}, format="json")
    assert requested.status_code == 202, requested.data
    assert requested["Location"].endswith(reverse("api_report_detail", args=[requested.data["id"]]))
    status = api(leader).get(requested["Location"])
    assert status.data["status"] == Report.Status.DONE and status.data["progress"] == 100
    assert (status.data["period_start"], status.data["period_end"]) == ("2025-07-01", "2025-09-30")
    assert set(status.data["files"]) == {"pdf", "xlsx", "docx"}
    signatures = {"pdf": b"%PDF", "xlsx": b"PK", "docx": b"PK"}
    for fmt, url in status.data["files"].items():
        response = api(leader).get(url, HTTP_ACCEPT="*/*")
        assert response.status_code == 200, fmt
        assert b"".join(response.streaming_content).startswith(signatures[fmt])
    assert api(officer_a).get(status.data["files"]["pdf"]).status_code == 403
    assert api(officer_a).get(requested["Location"]).status_code == 403
    assert api(leader).post(reverse("api_report_list"), {"period": "2025-Q3"}).status_code == 403


@time_machine.travel(TODAY)
def test_a_report_request_is_checked_as_on_the_page(api, secretariat, other_committee):
    client = api(secretariat)
    url = reverse("api_report_list")
    unfinished = client.post(url, {"period": "2025-Q4"}, format="json")
    assert unfinished.status_code == 400 and list(unfinished.data["errors"]) == ["period"]
    foreign = client.post(url, {"period": "2025-Q3", "committee": other_committee.pk})
    assert foreign.status_code == 400 and list(foreign.data["errors"]) == ["committee"]
    custom = client.post(url, {"start": "2025-09-01"}, format="json")
    assert custom.status_code == 400 and custom.data["errors"]["non_field_errors"]
    assert not Report.objects.exists()


@time_machine.travel(TODAY)
def test_notifications_are_the_user_s_own(api, officer_a, officer_b):
    params = {"task": "Việc", "deadline": "31/08/2025", "previous": "15/08/2025"}
    mine = notify([officer_a], kinds.DEADLINE_CHANGED, key="a", params=params)[0]
    theirs = notify([officer_b], kinds.DEADLINE_CHANGED, key="b", params=params)[0]
    client = api(officer_a)
    listed = client.get(reverse("api_notification_list"), {"unread": "true"})
    assert [n["id"] for n in listed.data["results"]] == [mine.pk]
    assert "31/08/2025" in listed.data["results"][0]["body"]
    read = reverse("api_notification_read", args=[theirs.pk])
    assert client.post(read).status_code == 404
    assert client.post(reverse("api_notification_read", args=[mine.pk])).data["read_at"]
    assert client.get(reverse("api_notification_list"), {"unread": "true"}).data["count"] == 0
    assert api(officer_b).post(reverse("api_notification_read_all")).data == {"marked": 1}


@time_machine.travel(TODAY)
def test_indicator_values_are_recorded_by_who_may_on_the_page(
    api, officer_a, officer_b, leader, agency_a
):
    indicator = IndicatorFactory(agency=agency_a)
    url = reverse("api_indicator_values", args=[indicator.pk])
    value = {"period_end": "2025-09-30", "value": "2900000.00", "note": "Quý III"}
    assert api(leader).post(url, value, format="json").status_code == 403
    assert api(officer_b).post(url, value, format="json").status_code == 404
    future = api(officer_a).post(url, value | {"period_end": "2025-12-31"}, format="json")
    assert future.status_code == 400 and list(future.data["errors"]) == ["period_end"]
    negative = api(officer_a).post(url, value | {"value": "-1"}, format="json")
    assert negative.status_code == 400 and list(negative.data["errors"]) == ["value"]
    saved = api(officer_a).post(url, value, format="json")
    assert saved.status_code == 201
    assert IndicatorValue.objects.get().value == Decimal("2900000")
    listed = api(leader).get(url)
    assert [v["value"] for v in listed.data["results"]] == ["2900000.00"]


def test_committee_data_stays_in_the_committee(api, leader, committee, other_committee):
    own = MeetingFactory(committee=committee, title="Phiên họp quý III")
    MeetingFactory(committee=other_committee, title="Phiên họp tỉnh khác")
    titles = [m["title"] for m in api(leader).get(reverse("api_meeting_list")).data["results"]]
    assert titles == [own.title]
    committees = api(leader).get(reverse("api_committee_list")).data["results"]
    assert other_committee.pk not in {c["id"] for c in committees}
    detail = reverse("api_committee_detail", args=[other_committee.pk])
    assert api(leader).get(detail).status_code == 404
    rollup = reverse("api_committee_rollup", args=[other_committee.pk])
    assert api(leader).get(rollup).status_code == 404


def test_anonymous_callers_get_401_in_the_error_shape(api, db):
    response = api().get(reverse("api_committee_list"))
    assert response.status_code in (401, 403)
    assert response.data["code"] in ("not_authenticated", "authentication_failed")
