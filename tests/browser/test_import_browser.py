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


def test_secretariat_imports_a_row_for_all_communes_sees_the_count_then_the_assignments(
    page, live_server, secretariat, agency_a, agency_b, tmp_path
):
    communes = [
        "Ủy ban nhân dân xã Ia Grai",
        "Ủy ban nhân dân xã Ia Pa",
        "Ủy ban nhân dân xã Ia Hrú",
    ]
    for name in communes:
        AgencyFactory(name=name, short_name=name.replace("Ủy ban nhân dân", "UBND"), kind="commune")
    annex = tmp_path / "phu-luc-cap-xa.xlsx"
    annex.write_bytes(
        simple_annex(
            [
                [
                    1,
                    "Thành lập Ban Chỉ đạo cấp xã",
                    "UBND các xã, phường",
                    "Sở Nội vụ",
                    "15/8/2025",
                ],
                [2, "Khảo sát hạ tầng công nghệ thông tin", "Sở KH&CN", "", "Quý III/2025"],
            ]
        )
    )
    login(page, live_server, secretariat)
    page.goto(reverse("import_list"))
    page.get_by_label("Tệp phụ lục").set_input_files(str(annex))
    page.get_by_role("button", name="Tải lên và xem trước").click()

    expect(page.get_by_role("heading", name="Xem trước dữ liệu nhập")).to_be_visible()
    groups = page.get_by_role("region", name="Nhóm cơ quan")
    expect(groups).to_contain_text("UBND các xã, phường → 3 xã, phường")
    expect(groups).to_contain_text("dòng 2")
    row = page.get_by_role("row").filter(has_text="Thành lập Ban Chỉ đạo cấp xã")
    expect(row).to_contain_text("Chủ trì: UBND các xã, phường → 3 xã, phường")
    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.get_by_role("status")).to_contain_text("2 mới")

    page.get_by_role("link", name="Mở sổ theo dõi nhiệm vụ").click()
    page.get_by_role("link", name="Thành lập Ban Chỉ đạo cấp xã").click()
    assignments = page.get_by_role("region", name="Phân công")
    for name in communes:
        short = name.replace("Ủy ban nhân dân", "UBND")
        expect(assignments.get_by_role("row").filter(has_text=short)).to_contain_text("Chủ trì")
    expect(assignments.get_by_role("row").filter(has_text="SNV")).to_contain_text("Phối hợp")
    task = Task.objects.get(title="Thành lập Ban Chỉ đạo cấp xã")
    assert task.assignments.filter(role="lead").count() == 3
