"""Celery beat: the day after a quarter or half-year ends, its report is generated and the
secretariat is told by email."""

from datetime import date

from django.core import mail

from reports import jobs
from reports.models import Report
from tests.reports.conftest import at


def test_day_after_q3_the_report_is_generated_and_the_secretariat_emailed(
    register, secretariat, leader, django_capture_on_commit_callbacks
):
    secretariat.email = "vanthu@gialai.gov.vn"
    secretariat.save()
    leader.email = "lanhdao@gialai.gov.vn"
    leader.save()
    with at(date(2025, 10, 1), hour=6), django_capture_on_commit_callbacks(execute=True):
        jobs.period_end_reports.delay()
    report = Report.objects.get()
    assert (report.kind, report.period_start, report.period_end) == (
        Report.Kind.QUARTERLY,
        date(2025, 7, 1),
        date(2025, 9, 30),
    )
    assert report.status == Report.Status.DONE and report.requested_by is None
    assert report.snapshot["date"] == "2025-10-01"
    (email,) = mail.outbox
    assert email.to == ["vanthu@gialai.gov.vn"]
    assert email.subject == "Báo cáo quý III năm 2025 đã sẵn sàng"
    assert "30/09/2025" in email.body


def test_day_after_june_gives_the_quarter_and_the_half_year_once(
    register, django_capture_on_commit_callbacks
):
    for _ in range(2):  # beat may fire twice; the second run adds nothing
        with at(date(2025, 7, 1), hour=6), django_capture_on_commit_callbacks(execute=True):
            jobs.period_end_reports.delay()
    kinds = sorted(Report.objects.values_list("kind", "period_start", "period_end"))
    assert kinds == [
        (Report.Kind.QUARTERLY, date(2025, 4, 1), date(2025, 6, 30)),
        (Report.Kind.SIX_MONTH, date(2025, 1, 1), date(2025, 6, 30)),
    ]


def test_other_days_and_committees_without_tasks_get_nothing(committee, other_committee):
    with at(date(2025, 10, 1)):
        assert jobs.period_end_reports.delay().get() == []  # no tasks anywhere
    with at(date(2025, 10, 2)):
        assert jobs.period_end_reports.delay().get() == []
