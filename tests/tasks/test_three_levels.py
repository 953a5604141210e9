"""The central committee assigns work to provinces, provinces report on it and break it down,
and each higher committee's dashboard rolls up the committees below it."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from steering.authz import Role
from steering.models import Committee
from tasks import services
from tasks.models import Assignment, Task
from tests.factories import AgencyFactory, CommitteeFactory, make_user


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(date(2025, 10, 15), tick=False):
        yield


def central_task(user, title, provinces, deadline="Quý III/2025"):
    return services.task_create(
        committee=user.profile.committee,
        user=user,
        title=title,
        field="digital_government",
        deadline_text=deadline,
        leads=[p.agency for p in provinces],
    )


def test_a_province_sees_reports_on_and_breaks_down_the_central_task_assigned_to_it(
    client_for, tenants, central_secretariat, secretariat, committee, other_committee, agency_a
):
    task = central_task(central_secretariat, "Số hóa hồ sơ", [committee, other_committee])
    ours = task.assignments.get(agency=committee.agency)
    theirs = task.assignments.get(agency=other_committee.agency)
    services.progress_log(
        assignment=theirs,
        user=central_secretariat,
        percent=40,
        completed=False,
        note="Tỉnh B đã số hóa 40% hồ sơ",
        effective_date=date(2025, 9, 1),
    )
    client = client_for(secretariat)

    assert task.code in client.get(reverse("task_list")).content.decode()
    page = client.get(reverse("task_detail", args=[task.pk]))
    html = page.content.decode()
    # Only our own assignment of the central task shows; province B's work is B's.
    assert [a.pk for a in page.context["assignments"]] == [ours.pk]
    assert "Tỉnh B" not in html and "40% hồ sơ" not in html
    assert page.context["target"] == ours  # the secretariat logs progress on it

    response = client.post(
        reverse("progress_create", args=[ours.pk]),
        {"percent": 60, "effective_date": "10/10/2025", "note": "Đã số hóa 60%"},
    )
    assert response.status_code == 302
    ours.refresh_from_db()
    assert (ours.status, ours.percent) == ("in_progress", 60)
    # ... but not on province B's assignment of the same task.
    response = client.post(
        reverse("progress_create", args=[theirs.pk]),
        {"percent": 90, "effective_date": "10/10/2025", "note": "?"},
    )
    assert response.status_code == 404

    # The province breaks it down into a task of its own naming the central one.
    form = client.get(reverse("task_create")).context["form"]
    assert list(form.fields["upstream"].queryset) == [task]
    response = client.post(
        reverse("task_create"),
        {
            "title": "Số hóa hồ sơ cấp tỉnh",
            "field": "digital_government",
            "level": "central",
            "deadline_text": "Quý IV/2025",
            "leads": [agency_a.pk],
            "upstream": task.pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    own = Task.objects.get(title="Số hóa hồ sơ cấp tỉnh")
    assert own.committee == committee and own.upstream == task
    assert "Số hóa hồ sơ" in client.get(reverse("task_detail", args=[own.pk])).content.decode()


def test_a_sibling_province_never_sees_our_own_tasks_or_our_breakdown(
    client_for, tenants, secretariat, other_committee, make_task, agency_a
):
    ours = make_task("Việc riêng tỉnh A", leads=[agency_a])
    their_agency = AgencyFactory(committee=other_committee, name="Sở Khoa học và Công nghệ")
    their_secretariat = make_user("b_thuky", Role.SECRETARIAT, other_committee, their_agency)
    client = client_for(their_secretariat)
    assert "Việc riêng tỉnh A" not in client.get(reverse("task_list")).content.decode()
    assert client.get(reverse("task_detail", args=[ours.pk])).status_code == 404
    # The choices of their task form hold none of our agencies, though the names are the same.
    form = client.get(reverse("task_create")).context["form"]
    assert list(form.fields["leads"].queryset) == [their_agency]
    response = client.post(
        reverse("task_create"),
        {
            "title": "Mượn cơ quan",
            "field": "innovation",
            "level": "province",
            "leads": [agency_a.pk],
        },
    )
    assert response.status_code == 400 and "leads" in response.context["form"].errors


def test_the_central_dashboard_ranks_provinces_over_their_whole_subtree(
    client_for,
    tenants,
    central_secretariat,
    central_reader,
    committee,
    other_committee,
    secretariat,
    make_task,
    complete,
    agency_a,
):
    _, ward = tenants
    task = central_task(central_secretariat, "Hạ tầng số", [committee, other_committee])
    ours = task.assignments.get(agency=committee.agency)
    services.progress_log(
        assignment=ours,
        user=secretariat,
        percent=100,
        completed=True,
        note="Xong",
        effective_date=date(2025, 9, 20),
    )
    services.completion_confirm(assignment=ours, user=central_secretariat)
    make_task("Việc tỉnh A quá hạn", leads=[agency_a], deadline="Tháng 8/2025")
    done = make_task("Việc tỉnh A xong", leads=[agency_a], deadline="Năm 2025")
    complete(done.assignments.get(), date(2025, 10, 1))
    ward_agency = AgencyFactory(committee=ward, name="Văn phòng phường Một")
    ward_secretariat = make_user("p1_thuky", Role.SECRETARIAT, ward, ward_agency)
    services.task_create(
        committee=ward,
        user=ward_secretariat,
        title="Việc của phường",
        field="innovation",
        deadline_text="Tháng 9/2025",
        leads=[ward_agency],
    )

    response = client_for(central_reader).get(reverse("home"))
    assert response.context["summary"].total == 1  # the centre's own register
    league = {row.committee: row for row in response.context["league"]}
    a, b = league[committee], league[other_committee]
    # Province A: its two tasks and its ward committee's one, one of them overdue twice over.
    assert (a.summary.total, a.summary.completed, a.summary.overdue) == (3, 1, 2)
    assert a.on_time_rate == pytest.approx(33.3)
    assert (a.assigned.total, a.assigned.completed, a.assigned.overdue) == (1, 1, 0)
    assert (b.summary.total, b.assigned.total, b.assigned.overdue) == (0, 1, 1)
    # Slowest first: B has the overdue central assignment, A more overdue own tasks.
    assert [row.committee for row in response.context["league"]] == [committee, other_committee]
    html = response.content.decode()
    assert "data-league" in html and other_committee.name in html
    title = html.split("<title>")[1].split("</title>")[0]
    assert "Bảng điều hành" in title and "<" not in title  # the browser tab's title

    # Province A's dashboard: its own register, the work from above, its ward committee below.
    response = client_for(secretariat).get(reverse("home"))
    assert response.context["summary"].total == 2
    received = response.context["received"]
    assert (received.total, received.completed) == (1, 1)
    assert [row.committee for row in response.context["league"]] == [ward]
    assert response.context["league"][0].summary.overdue == 1


def test_the_ward_committee_sees_only_its_own_register(
    client_for, tenants, make_task, agency_a, committee
):
    _, ward = tenants
    make_task("Việc tỉnh A", leads=[agency_a])
    given = make_task("Giao cho phường", leads=[ward.agency])
    ward_agency = AgencyFactory(committee=ward, name="Văn phòng phường Một")
    ward_secretariat = make_user("p1_thuky", Role.SECRETARIAT, ward, ward_agency)
    response = client_for(ward_secretariat).get(reverse("task_list"))
    # The province's task given to the ward's People's Committee, and nothing else of it.
    assert [t.pk for t in response.context["page"]] == [given.pk]
    assert (
        client_for(ward_secretariat)
        .get(reverse("committee_detail", args=[committee.pk]))
        .status_code
        == 404
    )


def test_league_table_queries_do_not_grow_with_the_number_of_provinces(
    client_for, tenants, central_secretariat, central_reader, committee, other_committee
):
    central, _ = tenants

    def count():
        client = client_for(central_reader)
        client.get(reverse("home"))  # warm the session
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("home")).status_code == 200
        return len(queries)

    central_task(central_secretariat, "Việc 1", [committee, other_committee])
    before = count()
    for n in range(5):
        province = CommitteeFactory(
            name=f"Ban Chỉ đạo tỉnh thêm {n}", level=Committee.Level.PROVINCE, parent=central
        )
        province.agency = AgencyFactory(committee=central, name=f"Tỉnh thêm {n}")
        province.save()
        central_task(central_secretariat, f"Việc thêm {n}", [province, committee])
        AgencyFactory(committee=province, name="Sở Nội vụ")
    after = count()
    assert after == before
    assert Assignment.objects.count() == 2 + 5 * 2


def test_the_register_narrows_to_the_own_committee_those_below_and_the_one_above(
    client_for, tenants, secretariat, committee, other_committee, central_secretariat
):
    central, ward = tenants
    task = central_task(central_secretariat, "Việc trung ương giao", [committee])
    client = client_for(secretariat)
    choices = client.get(reverse("task_list")).context["filter"].filters["committee"].queryset
    assert set(choices) == {committee, ward, central}
    # The dashboard's link to the work received from above opens it.
    response = client.get(reverse("task_list"), {"committee": central.pk})
    assert [t.pk for t in response.context["page"]] == [task.pk]
    assert client.get(reverse("task_list"), {"committee": other_committee.pk}).status_code == 400


def test_a_forged_upstream_meeting_or_document_is_refused_on_its_field(
    tenants, central_secretariat, secretariat, committee, other_committee, agency_a
):
    from steering.models import Document, Meeting

    task = central_task(central_secretariat, "Việc giao cho tỉnh B", [other_committee])
    their_meeting = Meeting.objects.create(
        committee=other_committee, title="Họp tỉnh B", held_on=date(2025, 7, 1), kind="regular"
    )
    their_document = Document.objects.create(
        committee=other_committee,
        number="01-KH/BCĐ",
        kind="plan",
        issued_on=date(2025, 3, 1),
        issuer="Ban Chỉ đạo tỉnh B",
        title="Kế hoạch của tỉnh B",
    )
    for field, value in (
        ("upstream", task),
        ("meeting", their_meeting),
        ("source_document", their_document),
    ):
        with pytest.raises(ValidationError) as refused:
            services.task_create(
                committee=committee,
                user=secretariat,
                title="Giả mạo",
                field="innovation",
                leads=[agency_a],
                **{field: value},
            )
        assert list(refused.value.message_dict) == [field]
    assert not Task.objects.filter(title="Giả mạo").exists()
