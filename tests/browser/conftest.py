"""Browser tests: Debian's headless Chromium, driven by Playwright, against the live server.

Only Playwright's Python package is used; it never downloads a browser. The ``chromium`` Debian
package must be installed (``.ci/run`` installs it); without it these tests fail, not skip.

A test asks for ``page`` (or ``new_page(...)`` for other viewports) and ``login``; asking for
``page`` brings up ``live_server``, which makes the test transactional (the server thread must
see the rows the test creates). Every test in this directory is marked ``browser``.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, sync_playwright

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parents[1] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="package")
def browser() -> Browser:
    """One Chromium for the tests of this directory.

    Package scope, not session: Playwright's sync API keeps an asyncio event loop running in
    this thread while it is started, so Django refuses ORM calls made meanwhile (factories,
    assertions in the test) with SynchronousOnlyOperation. Those calls do not run inside the
    loop and are safe, so DJANGO_ALLOW_ASYNC_UNSAFE is set, but only while the browser runs:
    tests outside this directory keep the protection (and `check --deploy` subprocesses
    started by them do not inherit the variable, which it rightly reports as an error).
    """
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(
            "Browser tests need Debian's chromium (apt-get install chromium); "
            "`.ci/run` installs it. Playwright's own browser download is never used.",
            pytrace=False,
        )
    previous = os.environ.get(UNSAFE)
    os.environ[UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop(UNSAFE, None)
        else:
            os.environ[UNSAFE] = previous


@pytest.fixture
def new_page(request, browser, live_server):
    """``new_page(viewport=PHONE, ...)``: a page in a fresh context (Vietnamese, Hà Nội time).

    Contexts are closed after the test; on failure a screenshot of each page is saved in
    ``test-artifacts/``. Anything the Content-Security-Policy blocked (Chromium reports it on
    the console) fails the test.
    """
    contexts = []
    blocked: list[str] = []

    def watch(message) -> None:
        if "Content Security Policy" in message.text:
            blocked.append(message.text)

    def make(**overrides) -> Page:
        options = {
            "base_url": live_server.url,
            "locale": "vi-VN",
            "timezone_id": "Asia/Ho_Chi_Minh",
            "viewport": DESKTOP,
            **overrides,
        }
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("console", watch)
        return page

    yield make

    report = getattr(request.node, "report_call", None)
    failed = report is not None and report.failed
    for i, context in enumerate(contexts):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
            for j, page in enumerate(context.pages):
                page.screenshot(path=ARTIFACTS / f"{name}-{i}-{j}.png", full_page=True)
        context.close()
    assert not blocked, "blocked by the Content-Security-Policy:\n" + "\n".join(blocked)


@pytest.fixture
def page(new_page) -> Page:
    return new_page()


def login(page: Page, live_server, user) -> None:
    """Sign in through the login form; test users' password is ``pw-<username>``."""
    login_path = reverse("login")
    page.goto(live_server.url + login_path)
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill("pw-" + user.username)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(lambda url: login_path not in url)


@pytest.fixture(name="login")
def login_fixture():
    """The ``login(page, live_server, user)`` helper, as a fixture for convenience."""
    return login
