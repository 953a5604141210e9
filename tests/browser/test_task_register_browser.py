"""The daily work in a real browser: an officer logs progress with evidence; a secretary finds
the overdue tasks of one agency."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from tasks.models import ProgressUpdate
from tests.browser.conftest import login

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_officer_logs_progress_with_a_file_and_sees_it_in_the_timeline(
    page, live_server, officer_a, make_task, agency_a, tmp_path
):
    task = make_task("Số hóa hồ sơ hộ tịch", leads=[agency_a], deadline="Năm 2030")
    evidence = tmp_path / "bien-ban-nghiem-thu.pdf"
    evidence.write_bytes(PDF_BYTES)
    login(page, live_server, officer_a)
    page.goto(reverse("task_detail", args=[task.pk]))

    page.get_by_role("spinbutton", name="Phần trăm hoàn thành").fill("45")
    page.get_by_label("Nội dung đã thực hiện").fill("Đã số hóa 45% hồ sơ hộ tịch")
    page.get_by_label(re.compile("Minh chứng")).set_input_files(str(evidence))
    url_before = page.url
    page.get_by_role("button", name="Lưu tiến độ").click()

    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Đã số hóa 45% hồ sơ hộ tịch")
    expect(timeline.get_by_role("link", name=re.compile("bien-ban-nghiem-thu.pdf"))).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi nhận tiến độ")
    assert page.url == url_before  # htmx swapped the panel; no full reload
    update = ProgressUpdate.objects.get()
    assert update.percent == 45 and update.evidence.get().original_name == "bien-ban-nghiem-thu.pdf"

    with page.expect_download() as download:
        timeline.get_by_role("link", name=re.compile("bien-ban-nghiem-thu.pdf")).click()
    assert download.value.suggested_filename == "bien-ban-nghiem-thu.pdf"


def test_secretary_filters_overdue_tasks_of_one_agency_and_opens_one(
    page, live_server, secretariat, make_task, agency_a, agency_b
):
    late = make_task("Ban hành kế hoạch chuyển đổi số", leads=[agency_a], deadline="Quý III/2025")
    make_task("Nhiệm vụ chưa đến hạn", leads=[agency_a], deadline="Năm 2030")
    make_task("Nhiệm vụ quá hạn của sở khác", leads=[agency_b], deadline="Quý III/2025")
    login(page, live_server, secretariat)
    page.goto(reverse("task_list"))

    page.get_by_text("Bộ lọc", exact=True).click()
    page.get_by_label("Cơ quan chủ trì hoặc phối hợp").select_option(label=agency_a.name)
    page.get_by_label("Chưa triển khai, quá hạn").check()
    page.get_by_label("Đang triển khai, quá hạn").check()
    page.get_by_role("button", name="Áp dụng").click()

    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(late.title)
    assert "agency=" in page.url and "category=" in page.url  # shareable link
    rows.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(late.code)
    expect(page.locator("main")).to_contain_text("quá hạn")


def test_secretary_confirms_one_completion_and_sends_another_back(
    page, live_server, secretariat, officer_a, make_task, agency_a
):
    from datetime import date

    from tasks import services
    from tasks.status import Status

    confirmed = make_task("Ban hành quy chế dữ liệu", leads=[agency_a], deadline="Năm 2030")
    returned = make_task("Số hóa hồ sơ đất đai", leads=[agency_a], deadline="Năm 2030")
    for task in (confirmed, returned):
        services.progress_log(
            assignment=task.assignments.get(),
            user=officer_a,
            percent=100,
            completed=True,
            note="Đã hoàn thành, kèm quyết định ban hành",
            effective_date=date.today(),
        )
    login(page, live_server, secretariat)
    page.goto(reverse("confirmation_queue"))

    first = page.locator(f"#queue-{confirmed.assignments.get().pk}")
    first.get_by_role("button", name="Xác nhận hoàn thành").click()
    expect(first).to_contain_text("Đã xác nhận")
    second = page.locator(f"#queue-{returned.assignments.get().pk}")
    second.get_by_label("Lý do trả lại").fill("Thiếu quyết định ban hành")
    second.get_by_role("button", name="Trả lại").click()
    expect(second).to_contain_text("Đã trả lại")

    assert confirmed.assignments.get().status == Status.COMPLETED
    assert returned.assignments.get().status == Status.IN_PROGRESS
