"""A report regenerated later prints the same figures: they come from the log as of the end."""

from datetime import date

from reports.models import Report
from tests.reports.conftest import at

FIGURES = ["summary", "agencies", "by_field", "completed_tasks", "overdue_tasks", "due_next"]


def test_q3_report_regenerated_after_q4_updates_prints_the_same_figures(
    register, request_q3, secretariat, make_task, agency_a, complete
):
    with at(date(2025, 10, 1)):
        first = request_q3()
    assert first.status == Report.Status.DONE
    summary = first.snapshot["summary"]
    assert (summary["total"]["value"], summary["completed"]["value"]) == (3, 1)
    assert summary["overdue"]["value"] == 1

    # In Q4 the late task is completed (back-dated into Q3) and a new task is added.
    with at(date(2025, 10, 20)):
        late = register["late"].assignments.get()
        complete(late, date(2025, 9, 29))
        make_task("Nhiệm vụ mới quý IV", leads=[agency_a], deadline="Quý IV/2025")
    with at(date(2025, 11, 5)):
        again = request_q3()
        q4 = request_q3(kind=Report.Kind.CUSTOM, start=date(2025, 10, 1), end=date(2025, 11, 4))

    assert {key: again.snapshot[key] for key in FIGURES} == {
        key: first.snapshot[key] for key in FIGURES
    }
    assert again.snapshot["date"] == "2025-11-05" != first.snapshot["date"]
    later = q4.snapshot["summary"]
    assert (later["total"]["value"], later["completed"]["value"], later["overdue"]["value"]) == (
        4,
        2,
        0,
    )
