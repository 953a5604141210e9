"""The whole cycle of an investment request in a real browser: the commune files it with three
line items, the reviewer approves a lower amount, finance allocates, the commune sees the money."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from communes.models import InvestmentRequest
from tests.browser.conftest import login
from tests.communes import builders

LINES = [
    ("computers", "Máy tính để bàn", "20", "18.500.000"),
    ("scanners", "Máy quét tài liệu", "4", "26.000.000"),
    ("cameras", "Camera giám sát", "10", "8.500.000"),
]
REQUESTED = 20 * 18_500_000 + 4 * 26_000_000 + 10 * 8_500_000  # 559.000.000


@pytest.fixture
def pleiku(commune_agency):
    return builders.commune(commune_agency, code=21583, name="Phường Pleiku")


@pytest.fixture
def programme(agency_a):
    return builders.programme(agency_a)


def test_a_request_is_filed_reviewed_lower_allocated_and_seen_by_the_commune(
    new_page, live_server, commune_officer, reviewer, finance, pleiku, programme
):
    commune = new_page()
    login(commune, live_server, commune_officer)
    commune.goto(reverse("communes:commune_detail", args=[pleiku.pk]))
    commune.get_by_role("link", name="Lập đề xuất đầu tư").click()
    commune.get_by_label("Tên đề xuất").fill("Trang bị thiết bị cho Trung tâm PVHCC")
    commune.get_by_label("Sự cần thiết").fill("Đáp ứng giải quyết thủ tục hành chính trực tuyến")
    url_before = commune.url
    commune.get_by_role("button", name="Thêm dòng").click()
    commune.get_by_role("button", name="Thêm dòng").click()
    rows = commune.locator("#line-items tbody tr")
    expect(rows).to_have_count(3)
    assert commune.url == url_before  # rows come from htmx, no reload
    for row, (category, description, quantity, price) in zip(rows.all(), LINES, strict=True):
        row.get_by_label("Nhóm").select_option(category)
        row.get_by_label("Mô tả").fill(description)
        row.get_by_label("Số lượng").fill(quantity)
        row.get_by_label("Đơn giá (đồng)").fill(price)
    commune.get_by_role("button", name="Lưu nháp").click()
    expect(commune.get_by_role("status")).to_contain_text("Đã lưu nháp đề xuất")
    expect(commune.locator("tfoot")).to_contain_text("559.000.000")
    commune.get_by_role("button", name="Gửi đề xuất").click()
    expect(commune.locator("#request-status")).to_have_text("Đã gửi")

    review = new_page()
    login(review, live_server, reviewer)
    review.get_by_role("link", name="Thẩm định").click()
    review.get_by_role("link", name="Trang bị thiết bị cho Trung tâm PVHCC").click()
    review.get_by_role("button", name="Tiếp nhận thẩm định").click()
    approve = review.locator("form", has=review.get_by_role("button", name="Phê duyệt", exact=True))
    approve.get_by_label("Số tiền phê duyệt (đồng)").fill("500.000.000")
    approve.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(approve.get_by_text("Nêu lý do phê duyệt thấp hơn số đề xuất.")).to_be_visible()
    approve = review.locator("form", has=review.get_by_role("button", name="Phê duyệt", exact=True))
    approve.get_by_label("Lý do").fill("Giảm camera theo định mức")
    approve.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(review.locator("#request-status")).to_have_text("Đã phê duyệt")
    expect(review.locator("#approved-amount")).to_contain_text("500.000.000")

    money = new_page()
    login(money, live_server, finance)
    investment = InvestmentRequest.objects.get()
    money.goto(reverse("communes:request_detail", args=[investment.pk]))
    allocate = money.locator("form", has=money.get_by_role("button", name="Phân bổ kinh phí"))
    allocate.get_by_label("Chương trình, nguồn vốn").select_option(str(programme.pk))
    allocate.get_by_label("Số tiền (đồng)").fill("500.000.000")
    allocate.get_by_label("Số quyết định").fill("2150/QĐ-UBND")
    allocate.get_by_label("Ngày quyết định").fill("01/09/2025")
    allocate.get_by_role("button", name="Phân bổ kinh phí").click()
    expect(money.locator("#request-status")).to_have_text("Đã phân bổ kinh phí")

    commune.goto(reverse("communes:commune_detail", args=[pleiku.pk]))
    expect(commune.locator("#commune-allocated")).to_have_text("500 triệu đồng")
    commune.get_by_role("link", name="Trang bị thiết bị cho Trung tâm PVHCC").click()
    expect(commune.locator("#allocation")).to_contain_text("2150/QĐ-UBND")
    investment.refresh_from_db()
    assert (investment.requested_amount, investment.approved_amount) == (REQUESTED, 500_000_000)
    assert investment.allocation.amount == 500_000_000
