"""The committee page in a real browser: Vietnamese first, English one click away, phone-sized."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from steering.models import Member
from tests.browser.conftest import PHONE, login
from tests.factories import MemberFactory

MEMBERS = [
    ("Trần Minh Khoa", Member.Role.HEAD),
    ("Lê Thị Hồng Nhung", Member.Role.DEPUTY_HEAD),
    ("Huỳnh Văn Tâm", Member.Role.MEMBER),
]


def add_members(committee):
    for name, role in MEMBERS:
        MemberFactory(committee=committee, full_name=name, role=role)


def test_secretariat_sees_members_and_switches_language(page, live_server, secretariat, committee):
    add_members(committee)
    login(page, live_server, secretariat)

    page.goto(reverse("committee_detail", args=[committee.pk]))
    headings = page.locator("section h3")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(headings.nth(0)).to_contain_text("Trưởng ban")
    expect(headings.nth(1)).to_contain_text("Phó Trưởng ban")
    expect(headings.nth(2)).to_contain_text("Ủy viên")
    for name, _ in MEMBERS:
        expect(page.get_by_role("cell", name=name)).to_be_visible()

    page.get_by_role("button", name="EN", exact=True).click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(rf"/committees/{committee.pk}/$"))
    expect(headings.nth(0)).to_contain_text("Head")
    expect(headings.nth(1)).to_contain_text("Deputy head")
    expect(page.get_by_text("Trưởng ban")).to_have_count(0)
    for name, _ in MEMBERS:
        expect(page.get_by_role("cell", name=name)).to_be_visible()


def test_menu_works_on_a_phone(new_page, live_server, secretariat, committee):
    add_members(committee)
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    login(page, live_server, secretariat)
    page.goto(reverse("committee_detail", args=[committee.pk]))

    meetings_link = page.get_by_role("link", name="Phiên họp", exact=True)
    expect(meetings_link).to_be_hidden()  # collapsed behind the toggler on a narrow screen
    expect(page.get_by_role("cell", name="Trần Minh Khoa")).to_be_visible()

    page.locator(".navbar-toggler").click()
    page.get_by_role("button", name="Ban Chỉ đạo", exact=True).click()  # the committee menu
    expect(meetings_link).to_be_visible()
    meetings_link.click()
    expect(page).to_have_url(re.compile(r"/meetings/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Phiên họp")
