"""The live figures (``tasks.selectors``, from the stored state) and the as-of replay for today
(``reports.selectors``, from the log) agree: both compute through ``tasks.rules``."""

from datetime import date

from reports import selectors as replay
from tasks import selectors as live
from tasks.models import Task
from tasks.rules import end_of
from tests.reports.conftest import at

TODAY = date(2025, 9, 10)  # the completed task done, one overdue at 40%, one due in Q4


def test_live_figures_equal_the_replay_for_today(register, committee):
    tasks = Task.objects.filter(committee=committee)
    with at(TODAY):
        items = live.as_of(tasks, TODAY)
        leads = replay.leads_as_of([item.task.pk for item in items], TODAY)
        replayed = replay.agency_rows(leads, live.followup_counts(tasks, end_of(TODAY)))
        agencies = live.agency_table(tasks, TODAY)
        summary = live.category_summary(tasks, TODAY)

    assert summary.counts == live.summary_as_of(tasks, TODAY).counts
    assert summary.overdue == 1 and summary.completed == 1
    columns = ("led", "completed", "on_time", "overdue", "on_time_rate", "urges", "extensions")
    assert {
        row["agency__short_name"] or row["agency__name"]: [row[key] for key in columns]
        for row in agencies
    } == {row["agency"]: [row[key] for key in columns] for row in replayed}
    assert [row["overdue"] for row in replayed] == [1, 0]
    assert live.by_field(tasks) == replay.by_field(items)
