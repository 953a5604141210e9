"""An agency officer imports their annex in a real browser: upload, fix an agency, confirm."""

from django.urls import reverse
from playwright.sync_api import expect

from tasks.models import Task
from tests.browser.conftest import login
from tests.factories import AgencyFactory
from tests.tasks.import_annexes import simple_annex


def test_officer_uploads_an_annex_fixes_an_agency_confirms_and_finds_the_tasks(
    page, live_server, officer_a, agency_a, agency_b, tmp_path
):
    AgencyFactory(name="Văn phòng Ủy ban nhân dân tỉnh", short_name="VP UBND tỉnh")
    annex = tmp_path / "phu-luc-nhiem-vu.xlsx"
    annex.write_bytes(
        simple_annex(
            [
                [1, "Triển khai nền tảng dữ liệu khoa học", "Sở KH&CN", "Sở Nội vụ", "Quý IV/2025"],
                [2, "Xây dựng sàn giao dịch công nghệ", "Sở KH&CN", "VP UBND", "Năm 2026"],
            ]
        )
    )
    login(page, live_server, officer_a)
    page.goto(reverse("task_list"))
    page.get_by_role("link", name="Nhập từ Excel").click()

    page.get_by_label("Tệp phụ lục").set_input_files(str(annex))
    page.get_by_role("button", name="Tải lên và xem trước").click()

    expect(page.get_by_role("heading", name="Xem trước dữ liệu nhập")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text('"VP UBND"')
    confirm = page.get_by_role("button", name="Xác nhận nhập")
    expect(confirm).to_be_disabled()
    page.get_by_label("VP UBND").select_option(label="Văn phòng Ủy ban nhân dân tỉnh")
    page.get_by_role("button", name="Áp dụng chỉnh sửa").click()

    expect(page.get_by_role("status").first).to_be_visible()
    expect(confirm).to_be_enabled()
    confirm.click()
    expect(page.get_by_role("status")).to_contain_text("2 mới")
    page.get_by_role("link", name="Mở sổ theo dõi nhiệm vụ").click()

    expect(page.get_by_role("link", name="Xây dựng sàn giao dịch công nghệ")).to_be_visible()
    expect(page.get_by_role("link", name="Triển khai nền tảng dữ liệu khoa học")).to_be_visible()
    task = Task.objects.get(title="Xây dựng sàn giao dịch công nghệ")
    assert {a.agency.short_name for a in task.assignments.all()} == {"Sở KH&CN", "VP UBND tỉnh"}
