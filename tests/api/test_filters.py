"""The task list's filters are the register page's (tasks.filters.TaskFilter): timeliness
category, agency, committee, deadline range, search with or without diacritics; plus
``ordering`` and pagination with counts."""

from datetime import date

import time_machine
from django.urls import reverse

TODAY = date(2025, 10, 15)


def codes(response) -> list[str]:
    assert response.status_code == 200, response.data
    return [task["code"] for task in response.data["results"]]


@time_machine.travel(TODAY)
def test_filters_of_the_register(api, leader, make_task, complete, agency_a, agency_b):
    late = make_task("Chuyển đổi số cấp xã", leads=[agency_a], deadline="31/08/2025")
    soon = make_task("Đào tạo kỹ năng số", leads=[agency_b], deadline="Quý IV/2025")
    done = make_task("Số hóa hồ sơ", leads=[agency_a], deadline="30/09/2025")
    complete(done.assignments.get(), date(2025, 9, 20))
    client = api(leader)
    url = reverse("api_task_list")
    assert codes(client.get(url, {"category": "not_started_overdue"})) == [late.code]
    assert codes(client.get(url, {"category": ["completed_on_time", "not_started_on_time"]})) == [
        soon.code,
        done.code,
    ]
    assert codes(client.get(url, {"agency": agency_b.pk})) == [soon.code]
    deadline_range = {"due_from": "2025-09-01", "due_to": "2025-12-30"}
    assert codes(client.get(url, deadline_range)) == [done.code]
    assert codes(client.get(url, {"q": "chuyen doi so"})) == [late.code]
    assert codes(client.get(url, {"q": "Chuyển đổi"})) == [late.code]
    assert codes(client.get(url, {"committee": late.committee_id})) == [
        late.code,
        soon.code,
        done.code,
    ]
    assert codes(client.get(url, {"ordering": "-due_date"})) == [soon.code, done.code, late.code]
    by_code = codes(client.get(url, {"ordering": "-code"}))
    assert by_code == [done.code, soon.code, late.code]
    assert codes(client.get(url, {"sort": "-due"})) == [soon.code, done.code, late.code]


@time_machine.travel(TODAY)
def test_a_refused_filter_value_answers_400_naming_it(api, leader, make_task, other_committee):
    response = api(leader).get(reverse("api_task_list"), {"category": "late", "due_from": "x"})
    assert response.status_code == 400
    assert set(response.data["errors"]) == {"category", "due_from"}


@time_machine.travel(TODAY)
def test_an_id_the_user_does_not_see_finds_nothing(
    api, leader, make_task, agency_a, other_committee
):
    """A committee or agency by id, as a client sends any: one the user does not see (another
    province's, or none) answers an empty page, not 400: the schema's integer is accepted and
    nothing outside the user's tasks is shown."""
    make_task("Việc của tỉnh", leads=[agency_a])
    url = reverse("api_task_list")
    own = api(leader).get(url, {"committee": agency_a.committee_id, "agency": agency_a.pk})
    assert own.status_code == 200 and own.data["count"] == 1
    for params in ({"committee": other_committee.pk}, {"committee": 987654}, {"agency": -3}):
        answer = api(leader).get(url, params)
        assert answer.status_code == 200 and answer.data["count"] == 0, params


@time_machine.travel(TODAY)
def test_pages_say_how_many_there_are(api, leader, make_task, agency_a):
    for n in range(5):
        make_task(f"Việc {n}", leads=[agency_a])
    first = api(leader).get(reverse("api_task_list"), {"page_size": 2})
    assert first.data["count"] == 5 and len(first.data["results"]) == 2
    assert first.data["previous"] is None and "page=2" in first.data["next"]
    last = api(leader).get(reverse("api_task_list"), {"page_size": 2, "page": 3})
    assert len(last.data["results"]) == 1 and last.data["next"] is None
    assert api(leader).get(reverse("api_task_list"), {"page": 9}).status_code == 404
    for refused in ({"page": "x"}, {"page": ""}, {"page_size": "0"}, {"page_size": "201"}):
        response = api(leader).get(reverse("api_task_list"), refused)
        assert response.status_code == 400 and list(response.data["errors"]) == list(refused)
