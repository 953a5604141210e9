"""A secretary requests the Q3/2025 report, watches it finish without reloading, downloads it."""

from datetime import datetime

from django.utils import timezone
from playwright.sync_api import expect

from reports.models import Report
from tasks.models import Task
from tests.browser.conftest import login


def test_secretary_requests_q3_report_watches_it_finish_and_downloads_the_pdf(
    page, live_server, secretariat, make_task, agency_a, agency_b, workers, tmp_path
):
    make_task("Số hóa hồ sơ hộ tịch", leads=[agency_a], deadline="Quý III/2025")
    make_task("Cấp chữ ký số cho cán bộ", leads=[agency_b], deadline="Quý IV/2025")
    Task.objects.update(created_at=timezone.make_aware(datetime(2025, 7, 1, 8)))
    # The request goes to a real Redis; a real worker starts once the page shows it waiting.

    login(page, live_server, secretariat)
    page.get_by_role("link", name="Báo cáo").click()
    page.get_by_label("Kỳ báo cáo").select_option(label="Quý III năm 2025")
    page.get_by_role("button", name="Lập báo cáo").click()

    expect(page.get_by_role("status")).to_contain_text("Đã gửi yêu cầu lập báo cáo")
    row = page.locator(f"#report-{Report.objects.get().pk}")
    expect(row).to_contain_text("Quý III năm 2025")
    expect(row).to_contain_text("Đang chờ")
    url_before = page.url

    workers.start()

    expect(row).to_contain_text("Hoàn tất", timeout=30_000)  # htmx polling, no reload
    assert page.url == url_before
    with page.expect_download() as download:
        row.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename == "bao-cao-nq57-quy-3-2025.pdf"
    path = tmp_path / "report.pdf"
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    assert Report.objects.get().snapshot["summary"]["total"]["value"] == 2


def test_secretary_issues_the_report_with_its_number_and_the_row_shows_it(
    page, live_server, secretariat, make_task, agency_a, committee, workers, tmp_path
):
    import hashlib

    from steering.models import Member
    from tests.factories import MemberFactory

    MemberFactory(committee=committee, full_name="Nguyễn Văn Trưởng", role=Member.Role.HEAD)
    make_task("Số hóa hồ sơ hộ tịch", leads=[agency_a], deadline="Quý III/2025")
    Task.objects.update(created_at=timezone.make_aware(datetime(2025, 7, 1, 8)))
    workers.start()
    login(page, live_server, secretariat)
    page.get_by_role("link", name="Báo cáo").click()
    page.get_by_label("Kỳ báo cáo").select_option(label="Quý III năm 2025")
    page.get_by_role("button", name="Lập báo cáo").click()
    report = Report.objects.get()
    row = page.locator(f"#report-{report.pk}")
    expect(row).to_contain_text("Dự thảo", timeout=30_000)

    row.get_by_role("link", name="Ban hành").click()
    page.get_by_label("Ngày ban hành").fill("40/10/2025")  # not a date: refused, re-displayed
    page.get_by_role("button", name="Ban hành").click()
    expect(page.locator("[data-error-for=issued_on]")).to_be_visible()
    page.get_by_label("Số hiệu").fill("12")
    page.get_by_label("Ngày ban hành").fill("10/10/2025")
    page.get_by_role("button", name="Ban hành").click()

    expect(page.get_by_role("status")).to_contain_text("Số: 12/BC-BCĐ đang được ban hành")
    row = page.locator(f"#report-{report.pk}")
    expect(row).to_contain_text("Đã ban hành", timeout=30_000)  # htmx polling, no reload
    expect(row).to_contain_text("Số: 12/BC-BCĐ ngày 10/10/2025")
    with page.expect_download() as download:
        row.get_by_role("link", name="PDF").click()
    path = tmp_path / "issued.pdf"
    download.value.save_as(path)
    report.refresh_from_db()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == report.pdf_sha256
    expect(row.get_by_role("button", name="Lập bản đính chính")).to_be_visible()
