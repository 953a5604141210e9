"""The Content-Security-Policy in a real browser: it blocks injected inline scripts, while the
portal's own pages (checked by every browser test, see ``conftest.new_page``) and the admin
keep working; and the login form's lock-out message."""

import re

from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from tasks.models import ProgressUpdate
from tests.browser.conftest import login


def test_an_injected_inline_script_is_blocked(browser, live_server, secretariat):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    page = context.new_page()
    reports = []
    page.on("console", lambda message: reports.append(message.text))
    login(page, live_server, secretariat)

    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
            const image = '<img src="x" onerror="window.injected = true">';
            document.body.insertAdjacentHTML("beforeend", image);
        }"""
    )
    page.wait_for_timeout(300)
    assert page.evaluate("window.injected") is None
    assert sum("Content Security Policy" in text for text in reports) == 2
    context.close()


def test_the_admin_change_list_and_its_scripts_work(page, live_server, administrator, officer_a):
    login(page, live_server, administrator)
    page.goto(reverse("admin:auth_user_changelist"))
    page.locator("#action-toggle").check()  # admin/js/actions.js ticks every row
    expect(page.locator("input.action-select:checked")).to_have_count(2)
    expect(page.locator(".action-counter")).to_contain_text("2")


def test_wrong_passwords_lock_the_form_with_a_message(page, live_server, officer_a):
    page.goto(reverse("login"))
    for i in range(settings.AXES_FAILURE_LIMIT):
        page.locator("#id_username").fill(officer_a.username)
        page.locator("#id_password").fill(f"guess-{i}")
        page.locator("#id_password").press("Enter")
        page.wait_for_load_state()
    page.locator("#id_password").fill("pw-" + officer_a.username)
    page.locator("#id_password").press("Enter")

    expect(page.get_by_role("alert")).to_contain_text("Đăng nhập sai quá nhiều lần")
    assert reverse("login") in page.url


def test_an_oversized_evidence_upload_shows_the_limit_in_the_form(
    page, live_server, officer_a, make_task, agency_a, settings, tmp_path
):
    settings.UPLOAD_MAX_REQUEST_BYTES = 0  # only the margin for the form's fields is left
    task = make_task("Số hóa hồ sơ hộ tịch", leads=[agency_a], deadline="Năm 2030")
    evidence = tmp_path / "bien-ban.pdf"
    evidence.write_bytes(b"%PDF-1.4\n" + b"0" * 400 * 1024)
    login(page, live_server, officer_a)
    page.goto(reverse("task_detail", args=[task.pk]))

    page.get_by_role("spinbutton", name="Phần trăm hoàn thành").fill("45")
    page.locator("#id_note").fill("Đã số hóa 45% hồ sơ")
    page.get_by_label(re.compile("Minh chứng")).set_input_files(str(evidence))
    page.get_by_role("button", name="Lưu tiến độ").click()

    expect(page.locator("#progress-panel .alert-danger")).to_contain_text("Tệp tải lên quá lớn")
    assert not ProgressUpdate.objects.exists()
