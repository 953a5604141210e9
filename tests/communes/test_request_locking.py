"""An investment request is edited only from the version last read, as tasks are: each save by
the services (an edit, a workflow step) makes a new version; a stale edit answers 409 (412 for
If-Match) naming who changed it and when, none 428."""

from django.urls import reverse

from communes.models import InvestmentRequest
from communes.workflow import Action, Status
from tests.communes.builders import ITEMS
from tests.communes.test_api import api


def test_a_stale_edit_of_a_request_is_refused(commune_officer, make_request):
    draft = make_request()
    url = reverse("api_commune_request_detail", args=[draft.pk])
    client = api(commune_officer)
    read = client.get(url)
    assert read.status_code == 200 and read["ETag"] == '"1"' and read.data["version"] == 1

    missing = client.patch(url, {"title": "Máy tính mới"}, format="json")
    assert missing.status_code == 428 and list(missing.data["errors"]) == ["version"]

    saved = client.patch(url, {"title": "Máy tính mới", "version": 1}, format="json")
    assert saved.status_code == 200 and saved["ETag"] == '"2"'

    stale = client.put(
        url,
        {"title": "Cũ", "justification": "x", "items": ITEMS, "version": 1},
        format="json",
    )
    assert stale.status_code == 409 and stale.data["version"] == 2
    assert stale.data["changed_by"] == commune_officer.username
    header = client.patch(url, {"title": "Cũ"}, format="json", HTTP_IF_MATCH='"1"')
    assert header.status_code == 412
    assert InvestmentRequest.objects.get().title == "Máy tính mới"


def test_a_workflow_step_makes_a_new_version(commune_officer, make_request):
    draft = make_request()
    client = api(commune_officer)
    submitted = client.post(
        reverse("api_commune_request_transition", args=[draft.pk]),
        {"action": Action.SUBMIT},
        format="json",
    )
    assert submitted.status_code == 200 and submitted.data["status"] == Status.SUBMITTED
    assert submitted.data["version"] == 2
    url = reverse("api_commune_request_detail", args=[draft.pk])
    stale = client.patch(url, {"title": "Sửa", "version": 1}, format="json")
    assert stale.status_code == 409


def test_others_than_the_commune_get_403_before_the_version_is_asked(reviewer, make_request):
    draft = make_request()
    url = reverse("api_commune_request_detail", args=[draft.pk])
    assert api(reviewer).patch(url, {"title": "Sửa"}, format="json").status_code in (403, 404)
