"""The secretariat assigns a new task to every commune from the task form, in a real browser."""

from django.urls import reverse
from playwright.sync_api import expect

from tasks.models import Task
from tests.browser.conftest import login
from tests.factories import AgencyFactory


def test_secretariat_ticks_all_communes_as_lead_and_each_commune_gets_the_task(
    page, live_server, secretariat, agency_a, agency_b
):
    for name in ("Ia Grai", "Ia Pa", "Ia Hrú"):
        AgencyFactory(
            name=f"Ủy ban nhân dân xã {name}", short_name=f"UBND xã {name}", kind="commune"
        )
    login(page, live_server, secretariat)
    page.goto(reverse("task_create"))
    page.locator("#id_title").fill("Báo cáo nhu cầu mua sắm thiết bị công nghệ thông tin")
    page.locator("#id_field").select_option("infrastructure")
    page.locator("#id_deadline_text").fill("Trước 30/7/2025")
    lead_groups = page.get_by_role("group", name="Hoặc chủ trì: tất cả cơ quan của một nhóm")
    lead_groups.get_by_label("Tất cả UBND các xã, phường — 3 xã, phường").check()
    page.get_by_role("group", name="Hoặc phối hợp: tất cả cơ quan của một nhóm").get_by_label(
        "Tất cả các sở, ban, ngành — 2 sở, ban, ngành"
    ).check()
    page.get_by_role("button", name="Lưu").click()

    assignments = page.get_by_role("region", name="Phân công")
    for name in ("Ia Grai", "Ia Pa", "Ia Hrú"):
        row = assignments.get_by_role("row").filter(has_text=f"UBND xã {name}")
        expect(row).to_contain_text("Chủ trì")
    expect(assignments.get_by_role("row").filter(has_text="SNV")).to_contain_text("Phối hợp")
    task = Task.objects.get()
    assert task.assignments.filter(role="lead").count() == 3
    assert task.assignments.filter(role="coordinating").count() == 2
