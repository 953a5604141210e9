"""Extensions and urges in the reports: timeliness is measured against the deadline granted by
the report's day, urges and extensions are counted as of that day, and a report regenerated
after a later extension says the same."""

from datetime import date

from reports.models import Report
from tasks import followup
from tests.reports.conftest import at

FIGURES = ["summary", "agencies", "by_field", "completed_tasks", "overdue_tasks", "due_next"]


def agency(report: Report, name: str) -> dict:
    return next(row for row in report.snapshot["agencies"] if row["agency"] == name)


def test_an_extension_granted_after_the_period_does_not_change_its_report(
    register, request_q3, secretariat, officer_b
):
    late = register["late"].assignments.get()  # SNV, due 31/08/2025, 40%
    with at(date(2025, 9, 15)):
        followup.urge_create(assignments=[late], user=secretariat, message="Đôn đốc lần 1")
    with at(date(2025, 10, 1)):
        first = request_q3()
    assert first.snapshot["summary"]["overdue"]["value"] == 1
    assert (agency(first, "SNV")["urges"], agency(first, "SNV")["extensions"]) == (1, 0)

    with at(date(2025, 10, 5)):
        followup.urge_create(assignments=[late], user=secretariat, message="Đôn đốc lần 2")
        extension = followup.extension_request(
            assignment=late, user=officer_b, new_due=date(2025, 12, 31), reason="Chờ vốn"
        )
        followup.extension_grant(extension=extension, user=secretariat)
    with at(date(2025, 11, 5)):
        again = request_q3()
        later = request_q3(kind=Report.Kind.CUSTOM, start=date(2025, 10, 1), end=date(2025, 11, 4))
    assert {key: again.snapshot[key] for key in FIGURES} == {
        key: first.snapshot[key] for key in FIGURES
    }
    assert again.snapshot["extended"] == 0
    # As of 04/11 the task is within its extended deadline, and the figures say so.
    assert later.snapshot["summary"]["overdue"]["value"] == 0
    assert later.snapshot["extended"] == 1
    assert (agency(later, "SNV")["urges"], agency(later, "SNV")["extensions"]) == (2, 1)
    categories = {c["key"]: c["value"] for c in later.snapshot["summary"]["categories"]}
    assert categories["in_progress_on_time"] == 1


def test_work_completed_within_an_extension_counts_as_on_time(
    register, request_q3, secretariat, officer_b, complete
):
    late = register["late"].assignments.get()
    with at(date(2025, 8, 25)):
        extension = followup.extension_request(
            assignment=late, user=officer_b, new_due=date(2025, 9, 30), reason="Chờ thiết bị"
        )
        followup.extension_grant(extension=extension, user=secretariat)
    with at(date(2025, 9, 20)):
        complete(late, date(2025, 9, 20))
    with at(date(2025, 10, 1)):
        report = request_q3()
    [row] = [r for r in report.snapshot["completed_tasks"] if r["code"] == register["late"].code]
    assert row["on_time"] is True and row["extended_to"] == "2025-09-30"
    categories = report.snapshot["summary"]["categories"]
    assert next(c for c in categories if c["key"] == "completed_on_time")["value"] == 2
    assert report.snapshot["summary"]["overdue"]["value"] == 0
