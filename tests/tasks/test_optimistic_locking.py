"""Two people edit the same task or assignment: the second save is refused, never lost."""

from datetime import date

import time_machine
from django.test import Client
from django.urls import reverse

from tasks.models import Task


def form_data(task, **changes):
    data = {
        "code": task.code,
        "title": task.title,
        "field": task.field,
        "level": task.level,
        "deadline_text": task.deadline_text,
        "version": task.version,
    }
    return {**data, **changes}


@time_machine.travel(date(2025, 8, 1))
def test_second_edit_of_a_task_is_refused_naming_who_changed_it(
    secretariat, make_task, agency_a, committee
):
    from steering.authz import Role
    from tests.factories import make_user

    colleague = make_user("colleague", Role.SECRETARIAT, committee)
    colleague.first_name, colleague.last_name = "Lan", "Ngô"
    colleague.save()
    task = make_task("Ban hành kế hoạch", leads=[agency_a], deadline="Tháng 9/2025")
    first, second = Client(), Client()
    first.force_login(colleague)
    second.force_login(secretariat)
    # Both open the edit form, carrying the same version.
    stale = form_data(task)
    assert (
        first.post(
            reverse("task_edit", args=[task.pk]), {**stale, "title": "Ban hành kế hoạch (sửa 1)"}
        ).status_code
        == 302
    )
    response = second.post(
        reverse("task_edit", args=[task.pk]), {**stale, "title": "Ban hành kế hoạch (sửa 2)"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Lan Ngô" in page
    assert Task.objects.get().title == "Ban hành kế hoạch (sửa 1)"


@time_machine.travel(date(2025, 8, 1))
def test_second_progress_report_from_a_stale_page_is_refused(
    client_for, officer_a, make_task, agency_a
):
    task = make_task("Số hóa hồ sơ", leads=[agency_a], deadline="Tháng 9/2025")
    lead = task.assignments.get()
    client = client_for(officer_a)
    data = {"percent": 30, "effective_date": "2025-07-30", "note": "a", "version": lead.version}
    assert client.post(reverse("progress_create", args=[lead.pk]), data).status_code == 302
    response = client.post(
        reverse("progress_create", args=[lead.pk]),
        {**data, "percent": 10},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    lead.refresh_from_db()
    assert lead.percent == 30 and lead.updates.count() == 1
