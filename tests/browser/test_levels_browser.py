"""Three levels in a real browser: a province's secretariat reports on the central task assigned
to the province, and the central reader finds the slow province in the league table."""

from datetime import date

import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from tasks import services
from tests.browser.conftest import login


def test_province_reports_on_a_central_task_and_the_centre_sees_the_provinces_ranked(
    new_page,
    live_server,
    central_secretariat,
    central_reader,
    secretariat,
    committee,
    other_committee,
):
    with time_machine.travel(date(2025, 7, 1)):
        task = services.task_create(
            committee=central_secretariat.profile.committee,
            user=central_secretariat,
            title="Kết nối cơ sở dữ liệu quốc gia về dân cư",
            field="digital_government",
            deadline_text="Năm 2030",
            leads=[committee.agency, other_committee.agency],
        )

    page = new_page()
    login(page, live_server, secretariat)
    page.goto(reverse("task_list"))
    page.get_by_role("link", name=task.title).click()
    expect(page.locator("[data-task-committee]")).to_contain_text("Ban Chỉ đạo Trung ương")
    # Only the province's own assignment of the central task is shown, not province B's.
    assignments = page.get_by_role("region", name="Phân công")
    expect(assignments).to_contain_text("Tỉnh A")
    expect(assignments).not_to_contain_text("Tỉnh B")
    page.get_by_role("spinbutton", name="Phần trăm hoàn thành").fill("70")
    page.get_by_label("Nội dung đã thực hiện").fill("Đã kết nối 70% hệ thống")
    page.get_by_role("button", name="Lưu tiến độ").click()
    expect(page.locator("#timeline")).to_contain_text("Đã kết nối 70% hệ thống")
    assert task.assignments.get(agency=committee.agency).percent == 70
    page.close()

    page = new_page()
    login(page, live_server, central_reader)
    page.goto(reverse("home"))
    league = page.locator("[data-league]")
    expect(league.locator("tbody tr")).to_have_count(2)
    row_a = league.locator(f'tr[data-committee="{committee.pk}"]')
    expect(row_a).to_contain_text("0 / 1")
    league.get_by_role("link", name=other_committee.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(other_committee.name)
