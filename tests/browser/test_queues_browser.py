"""Counts and headers that follow the work without a reload: an officer's progress updates the
task page's header; the secretariat's decision lowers the navigation's count."""

from datetime import date

from django.urls import reverse
from playwright.sync_api import expect

from tasks import services
from tests.browser.conftest import login


def test_saving_progress_updates_the_status_badge_and_bar_in_place(
    page, live_server, officer_a, make_task, agency_a
):
    task = make_task("Số hóa hồ sơ hộ tịch", leads=[agency_a], deadline="Năm 2030")
    login(page, live_server, officer_a)
    page.goto(reverse("task_detail", args=[task.pk]))
    header = page.locator("#task-status")
    expect(header).to_contain_text("Chưa triển khai")

    page.get_by_role("spinbutton", name="Phần trăm hoàn thành").fill("40")
    page.get_by_label("Nội dung đã thực hiện").fill("Đã số hóa 40% hồ sơ")
    url_before = page.url
    page.get_by_role("button", name="Lưu tiến độ").click()

    expect(header).to_contain_text("Đang triển khai, trong hạn")
    expect(header.locator(".progress-bar")).to_have_text("40%")
    expect(page.locator("#task-assignments")).to_contain_text("40")
    assert page.url == url_before


def test_the_navigation_count_goes_down_when_the_secretariat_confirms(
    page, live_server, secretariat, officer_a, make_task, agency_a
):
    task = make_task("Ban hành kế hoạch", leads=[agency_a], deadline="Năm 2030")
    services.progress_log(
        assignment=task.assignments.get(),
        user=officer_a,
        percent=100,
        completed=True,
        note="Đã ban hành",
        effective_date=date.today(),
    )
    login(page, live_server, secretariat)
    page.goto(reverse("confirmation_queue"))
    nav_count = page.locator("#queue-count-confirm")
    expect(nav_count).to_have_text("1")
    expect(page.locator("#confirmation-count")).to_have_text("1")

    page.get_by_role("button", name="Xác nhận hoàn thành").click()

    expect(page.get_by_role("status")).to_contain_text(task.code)
    expect(nav_count).to_have_text("0")
    expect(page.locator("#confirmation-count")).to_have_text("0")
