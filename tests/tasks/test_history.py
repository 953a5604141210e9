from datetime import date

import time_machine
from django.urls import reverse

from tasks import services
from tasks.models import Assignment


@time_machine.travel(date(2025, 8, 1))
def test_detail_shows_who_changed_what_from_what_to_what(
    client_for, secretariat, officer_a, make_task, agency_a
):
    task = make_task("Ban hành kế hoạch", leads=[agency_a], deadline="Tháng 9/2025")
    services.task_update(
        task=task, user=secretariat, expected_version=task.version, deadline_text="Quý IV/2025"
    )
    services.progress_log(
        assignment=task.assignments.get(),
        user=officer_a,
        percent=30,
        completed=False,
        note="Đang dự thảo",
        effective_date=date(2025, 7, 31),
    )
    response = client_for(secretariat).get(reverse("task_detail", args=[task.pk]))
    changes = response.context["history"]
    deadline_change = next(c for c in changes if any("thời hạn" in str(f[0]) for f in c.fields))
    assert deadline_change.who == secretariat
    assert ("Tháng 9/2025", "Quý IV/2025") in [(old, new) for _, old, new in deadline_change.fields]
    assignment_change = next(c for c in changes if c.subject == agency_a.name and c.fields)
    assert assignment_change.who == officer_a
    assert ("Chưa triển khai", "Đang triển khai") in [
        (str(old), str(new)) for _, old, new in assignment_change.fields
    ]
    html = response.content.decode()
    assert "31/12/2025" in html  # dates in the history are dd/mm/yyyy


@time_machine.travel(date(2025, 8, 1))
def test_links_show_names_not_ids(client_for, secretariat, officer_a, make_task, agency_a):
    """ "updated by: 2 → 4" said nothing: a changed link shows whom or what it points to."""
    task = make_task("Ban hành kế hoạch", leads=[agency_a], deadline="Tháng 9/2025")
    secretariat.first_name, secretariat.last_name = "Hồ Thị Ngọc", "Trâm"
    secretariat.save()
    assignment = task.assignments.get()
    for percent in (20, 30):  # the second report changes who updated it last: officer -> officer
        services.progress_log(
            assignment=assignment,
            user=officer_a if percent == 20 else secretariat,
            percent=percent,
            completed=False,
            note="Đang dự thảo",
            effective_date=date(2025, 7, 31),
        )
    response = client_for(secretariat).get(reverse("task_detail", args=[task.pk]))
    label = Assignment._meta.get_field("updated_by").verbose_name
    updated_by = [
        (str(old), str(new))
        for change in response.context["history"]
        for name, old, new in change.fields
        if name == label
    ]
    assert ("officer_a", "Hồ Thị Ngọc Trâm") in updated_by
    assert str(officer_a.pk) not in {old for old, _ in updated_by}
