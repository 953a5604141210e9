"""An officer sees the bell's count, opens a "returned" notification and lands on the task with
the reason visible; the bell counts one less."""

from datetime import date

from django.urls import reverse
from playwright.sync_api import expect

from tasks import services
from tests.browser.conftest import PHONE, login

REASON = "Thiếu quyết định ban hành kế hoạch kèm theo"


def test_officer_opens_a_returned_completion_from_the_bell(
    new_page, live_server, officer_a, secretariat, make_task, agency_a
):
    task = make_task("Ban hành kế hoạch chuyển đổi số", leads=[agency_a], deadline="Năm 2030")
    assignment = task.assignments.get()
    services.progress_log(
        assignment=assignment,
        user=officer_a,
        percent=100,
        completed=True,
        note="Đã ban hành",
        effective_date=date(2025, 8, 1),
    )
    services.completion_return(assignment=assignment, user=secretariat, reason=REASON)

    page = new_page(viewport=PHONE)  # the bell stays outside the collapsed menu
    login(page, live_server, officer_a)
    bell = page.get_by_role("link", name="Thông báo 2 chưa đọc")
    expect(bell).to_be_visible()
    bell.click()

    expect(page).to_have_url(live_server.url + reverse("notifications:list"))
    returned = page.get_by_role("link", name="Mới Trả lại báo cáo hoàn thành: 57-001 · Ban hành")
    returned.click()

    expect(page).to_have_url(live_server.url + reverse("task_detail", args=[task.pk]))
    expect(page.get_by_text(REASON).first).to_be_visible()
    expect(page.get_by_role("link", name="Thông báo 1 chưa đọc")).to_be_visible()
