from datetime import date

import time_machine
from django.urls import reverse

from tasks import selectors
from tasks.models import Task


@time_machine.travel(date(2025, 10, 15))
def test_dashboard_counts_categories_and_ranks_slow_agencies_first(
    client_for, leader, complete, make_task, agency_a, agency_b
):
    done = make_task("Đã xong", leads=[agency_a], deadline="Năm 2025")
    complete(done.assignments.get(), date(2025, 10, 1))
    make_task("Quá hạn 1", leads=[agency_b], deadline="Quý III/2025")
    make_task("Quá hạn 2", leads=[agency_b], deadline="Tháng 8/2025")
    make_task("Thường xuyên", leads=[agency_a], deadline="Thường xuyên")

    response = client_for(leader).get(reverse("home"))
    assert response.templates[0].name == "tasks/dashboard.html"
    summary = response.context["summary"]
    # The open recurring task has no deadline but still counts as not started.
    assert (summary.total, summary.completed, summary.not_started) == (4, 1, 3)
    assert summary.counts["no_deadline"] == 1 and summary.overdue == 2
    assert summary.completion_rate == 25.0
    agencies = response.context["agencies"]
    assert agencies[0]["agency_id"] == agency_b.pk and agencies[0]["overdue"] == 2
    assert agencies[1]["on_time_rate"] == 50.0  # agency A: 1 of 2 led tasks done on time
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html


def test_officer_home_is_their_agencys_assignments_overdue_first(
    client_for, officer_a, make_task, agency_a, agency_b
):
    with time_machine.travel(date(2025, 7, 1)):
        later = make_task("Còn hạn", leads=[agency_a], deadline="Năm 2030")
        overdue = make_task("Đã quá hạn", leads=[agency_a], deadline="Tháng 8/2025")
        make_task("Không phải của tôi", leads=[agency_b], deadline="Tháng 8/2025")
    with time_machine.travel(date(2025, 10, 15)):
        response = client_for(officer_a).get(reverse("home"))
    lead, _coordinating = response.context["sections"]
    codes = [a.task.code for a in lead["page"]]
    assert codes == [overdue.code, later.code]


@time_machine.travel(date(2025, 10, 15))
def test_agency_table_sorts_both_ways_and_shows_which(
    client_for, leader, make_task, agency_a, agency_b
):
    make_task("Quá hạn 1", leads=[agency_b], deadline="Quý III/2025")
    make_task("Quá hạn 2", leads=[agency_b], deadline="Tháng 8/2025")
    make_task("Còn hạn", leads=[agency_a], deadline="Năm 2030")
    client = client_for(leader)

    def table(query):
        response = client.get(reverse("home"), query)
        ids = [row["agency_id"] for row in response.context["agencies"]]
        return ids, response.content.decode()

    ids, html = table({})  # most overdue first, by default
    assert ids == [agency_b.pk, agency_a.pk]
    assert 'aria-sort="descending"><a href="?sort=-overdue"' in html
    ids, html = table({"sort": "-overdue"})
    assert ids == [agency_a.pk, agency_b.pk]
    assert 'aria-sort="ascending"><a href="?sort=overdue"' in html
    names = sorted([agency_a, agency_b], key=lambda agency: agency.name)
    ids, html = table({"sort": "name"})
    assert ids == [agency.pk for agency in names]
    assert 'aria-sort="ascending"><a href="?sort=-name"' in html
    ids, _html = table({"sort": "-name"})
    assert ids == [agency.pk for agency in reversed(names)]


@time_machine.travel(date(2025, 10, 15))
def test_dashboard_sums_up_the_key_tasks_and_lists_the_overdue_ones(
    client_for, leader, complete, make_task, agency_a
):
    done = make_task("Trọng tâm đã xong", leads=[agency_a], deadline="Năm 2025")
    complete(done.assignments.get(), date(2025, 10, 1))
    late = make_task("Trọng tâm quá hạn", leads=[agency_a], deadline="Tháng 8/2025")
    make_task("Thường, quá hạn", leads=[agency_a], deadline="Tháng 8/2025")
    for task in (done, late):
        task.is_key = True
        task.save(update_fields=["is_key"])

    html = client_for(leader).get(reverse("home")).content.decode()

    section = html[html.index("data-key-tasks") :]
    section = section[: section.index("</section>")]
    assert "2 nhiệm vụ trọng tâm: 1 đã hoàn thành, 1 quá hạn." in section
    assert "Trọng tâm quá hạn" in section
    assert "Trọng tâm đã xong" not in section and "Thường, quá hạn" not in section


def test_trend_replays_each_month_end_as_the_reports_do(
    client_for, leader, complete, make_task, agency_a
):
    with time_machine.travel(date(2025, 7, 1)):
        early = make_task("Xong tháng 8", leads=[agency_a], deadline="Tháng 9/2025")
        make_task("Quá hạn từ tháng 9", leads=[agency_a], deadline="Tháng 8/2025")
    with time_machine.travel(date(2025, 8, 20)):
        complete(early.assignments.get(), date(2025, 8, 20))
    with time_machine.travel(date(2025, 10, 15)):
        points = selectors.trend(Task.objects.all(), date(2025, 10, 15))
        html = client_for(leader).get(reverse("home")).content.decode()

    # From July (the first month with tasks) to today; August: one done, nothing late yet.
    assert points == [
        (date(2025, 7, 31), 0, 0),
        (date(2025, 8, 31), 1, 0),
        (date(2025, 9, 30), 1, 1),
        (date(2025, 10, 15), 1, 1),
    ]
    assert "Nhiệm vụ hoàn thành và quá hạn vào cuối mỗi tháng" in html
    assert "08/2025: Đã hoàn thành 1, Quá hạn 0" in html
