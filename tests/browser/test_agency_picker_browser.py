"""Picking agencies by typing (issue 14): the task form's lead and coordinating lists are
searchable boxes, found without diacritics, grouped by kind, with removable choices; empty
choices say "— Chọn —" and required fields are marked."""

from django.urls import reverse
from playwright.sync_api import expect

from tasks.models import Task
from tests.browser.conftest import login
from tests.factories import AgencyFactory


def test_secretariat_finds_agencies_by_typing_without_diacritics(
    page, live_server, secretariat, agency_a, agency_b
):
    for name in ("Ia Grai", "Ia Pa", "Đak Đoa"):
        AgencyFactory(
            name=f"Ủy ban nhân dân xã {name}", short_name=f"UBND xã {name}", kind="commune"
        )
    login(page, live_server, secretariat)
    page.goto(reverse("task_create"))
    page.locator("#id_title").fill("Báo cáo nhu cầu mua sắm thiết bị công nghệ thông tin")
    expect(page.locator("#id_field")).to_contain_text("— Chọn —")
    expect(page.locator("#id_field")).not_to_contain_text("---------")
    title_mark = page.evaluate(
        "getComputedStyle(document.querySelector('label[for=id_title]'), '::after').content"
    )
    assert title_mark == '" *"'
    page.locator("#id_field").select_option("infrastructure")
    page.locator("#id_deadline_text").fill("Trước 30/7/2025")

    leads = page.get_by_role("combobox", name="Cơ quan chủ trì")
    leads.click()
    leads.press_sequentially("dak doa")
    options = page.locator(".ts-dropdown:visible .option")
    expect(options).to_have_count(1)
    expect(options.first).to_have_text("Ủy ban nhân dân xã Đak Đoa")
    expect(page.locator(".ts-dropdown:visible .optgroup-header")).to_have_text(
        "Ủy ban nhân dân cấp xã"
    )
    options.first.click()
    leads.press_sequentially("ia pa")
    page.locator(".ts-dropdown:visible .option").first.click()
    page.keyboard.press("Escape")
    chosen = page.locator(".ts-wrapper").first.locator(".item")
    expect(chosen).to_have_count(2)
    chosen.filter(has_text="Ia Pa").locator(".remove").click()
    expect(chosen).to_have_count(1)
    page.get_by_role("button", name="Lưu").click()

    expect(page.get_by_role("region", name="Phân công")).to_contain_text("UBND xã Đak Đoa")
    task = Task.objects.get()
    assert [a.agency.name for a in task.assignments.filter(role="lead")] == [
        "Ủy ban nhân dân xã Đak Đoa"
    ]
