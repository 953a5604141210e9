from datetime import date

import pytest
import time_machine

from tasks import jobs
from tasks.models import Reminder


@pytest.fixture
def officers(officer_a, officer_b):
    officer_a.email, officer_b.email = "a@skhcn.gialai.gov.vn", "b@snv.gialai.gov.vn"
    officer_a.save()
    officer_b.save()
    return officer_a, officer_b


def test_each_agency_gets_one_digest_of_its_late_and_due_soon_work(
    officers, make_task, complete, agency_a, agency_b, mailoutbox
):
    with time_machine.travel(date(2025, 8, 1)):
        late = make_task("Ban hành kế hoạch số hóa", leads=[agency_a], deadline="Tháng 7/2025")
        soon = make_task("Báo cáo nhu cầu mua sắm", leads=[agency_a], deadline="04/08/2025")
        make_task("Nhiệm vụ còn xa", leads=[agency_a], deadline="Năm 2026")
        done = make_task("Đã xong", leads=[agency_a], deadline="Tháng 7/2025")
        complete(done.assignments.get(), date(2025, 7, 20))
        jobs.send_reminders.delay()

    assert len(mailoutbox) == 1  # agency B has nothing late: no email
    mail = mailoutbox[0]
    assert mail.to == ["a@skhcn.gialai.gov.vn"]
    assert "1" in mail.subject and "quá hạn" in mail.subject
    assert late.code in mail.body and soon.code in mail.body
    assert done.code not in mail.body and "Nhiệm vụ còn xa" not in mail.body
    assert "/my-agency/" in mail.body
    assert Reminder.objects.get().overdue_count == 1


def test_a_second_run_the_same_day_sends_nothing(officers, make_task, agency_a, mailoutbox):
    with time_machine.travel(date(2025, 8, 1)):
        make_task("Ban hành kế hoạch", leads=[agency_a], deadline="Tháng 7/2025")
        jobs.send_reminders.delay()
        jobs.send_reminders.delay()
    assert len(mailoutbox) == 1
    with time_machine.travel(date(2025, 8, 4)):
        jobs.send_reminders.delay()
    assert len(mailoutbox) == 2  # the next working day reminds again


def test_officers_without_an_email_address_are_skipped(officer_a, make_task, agency_a, mailoutbox):
    with time_machine.travel(date(2025, 8, 1)):
        make_task("Ban hành kế hoạch", leads=[agency_a], deadline="Tháng 7/2025")
        jobs.send_reminders.delay()
    assert mailoutbox == [] and not Reminder.objects.exists()
