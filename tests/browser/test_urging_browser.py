"""A secretary urges an agency from the dashboard; the agency's officer sees the urge on the
task's timeline, reached from the notification bell."""

from datetime import datetime

import time_machine
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import login


def test_secretary_urges_an_agency_and_its_officer_sees_it(
    new_page, live_server, secretariat, officer_a, make_task, agency_a
):
    with time_machine.travel(timezone.make_aware(datetime(2026, 11, 1, 9))):
        task = make_task("Ban hành kế hoạch số hóa", leads=[agency_a], deadline="15/11/2026")

    secretary = new_page()
    login(secretary, live_server, secretariat)
    secretary.goto(reverse("dashboard"))
    row = secretary.locator("tbody tr", has_text=agency_a.short_name)
    row.locator("summary", has_text="Đôn đốc").click()
    row.get_by_label("Lời nhắn về 1 nhiệm vụ quá hạn").fill("Đề nghị hoàn thành trong tuần này")
    row.get_by_role("button", name="Đôn đốc").click()
    expect(secretary.get_by_role("status").first).to_contain_text(
        "Đã đôn đốc Sở Khoa học và Công nghệ"
    )
    expect(
        secretary.locator("tbody tr", has_text=agency_a.short_name).locator("[data-urges]")
    ).to_have_text("1")

    officer = new_page()
    login(officer, live_server, officer_a)
    officer.locator(".notification-bell").click()
    officer.get_by_role("link", name=f"Đôn đốc: {task}").click()
    expect(officer).to_have_url(live_server.url + reverse("task_detail", args=[task.pk]))
    expect(officer.locator("#timeline [data-urge]")).to_contain_text(
        "Đề nghị hoàn thành trong tuần này"
    )
