"""A secretary turns a meeting's conclusions into tasks in a real browser, adding an item row."""

from datetime import date

from django.urls import reverse
from playwright.sync_api import expect

from tasks.models import Task
from tests.browser.conftest import login
from tests.factories import MeetingFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_secretary_turns_two_conclusion_items_into_tasks(
    page, live_server, secretariat, committee, agency_a, agency_b
):
    meeting = MeetingFactory(
        committee=committee, title="Phiên họp quý III", held_on=date(2025, 7, 15)
    )
    login(page, live_server, secretariat)
    page.goto(reverse("meeting_detail", args=[meeting.pk]))
    expect(page.locator("#meeting-tasks")).to_contain_text("Chưa có nhiệm vụ nào")

    page.get_by_label("Số thông báo").fill("12-TB/BCĐ")
    page.get_by_label("Ngày ban hành").fill("20/07/2025")
    page.get_by_label("Tệp thông báo").set_input_files(
        {"name": "thong-bao-12.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.locator("#id_items-0-title").fill("Hoàn thành Kế hoạch chuyển đổi số năm 2025")
    page.locator("#id_items-0-field").select_option("digital_government")
    page.locator("#id_items-0-leads").select_option(str(agency_a.pk))
    page.locator("#id_items-0-coordinators").select_option(str(agency_b.pk))
    page.locator("#id_items-0-deadline").fill("30/08/2025")
    # The second item goes in a row added by "Thêm nội dung" (rows 2 and 3 stay empty).
    page.get_by_role("button", name="Thêm nội dung").click()
    expect(page.locator(".conclusion-item")).to_have_count(4)
    expect(page.locator(".conclusion-item").last.locator("legend")).to_have_text(
        "Nội dung kết luận 4"
    )
    expect(page.locator("#id_items-3-title")).to_be_focused()
    page.locator("#id_items-3-title").fill("Thành lập Ban Chỉ đạo cấp xã")
    page.locator("#id_items-3-field").select_option("institutions")
    page.locator("#id_items-3-leads").select_option(str(agency_b.pk))
    page.locator("#id_items-3-deadline").fill("15/08/2025")
    page.get_by_role("button", name="Lưu thông báo và giao nhiệm vụ").click()

    expect(page.get_by_role("status")).to_contain_text("đã giao 2 nhiệm vụ")
    expect(page.locator("#conclusion-notice")).to_contain_text("Số 12-TB/BCĐ, 20/07/2025")
    rows = page.locator("#meeting-tasks tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Thành lập Ban Chỉ đạo cấp xã")).to_contain_text("15/08/2025")
    expect(rows.first.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "0")
    assert set(Task.objects.filter(meeting=meeting).values_list("title", flat=True)) == {
        "Hoàn thành Kế hoạch chuyển đổi số năm 2025",
        "Thành lập Ban Chỉ đạo cấp xã",
    }
    with page.expect_download() as download:
        page.get_by_role("link", name="thong-bao-12.pdf").click()
    assert download.value.suggested_filename == "thong-bao-12.pdf"
