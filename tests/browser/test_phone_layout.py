"""On a 390 × 844 phone no page of any role scrolls sideways (issue 14).

The demo is seeded (its long Vietnamese titles and names are what overflows), then each demo
role signs in and walks every page it can reach from its home page by links, one page per URL
shape ("/tasks/12/" and "/tasks/13/" are the same page). The lists people work through on a
phone (the officer's home, the register, the review, finance and extension queues, the reports
list) must also not hide columns in a box that scrolls sideways: their rows become cards.

Seeding the demo takes most of the time, so the same test then prints the dashboard (print
media on an A4-wide page): no table may be clipped or run past the paper.
"""

import io
import re
from urllib.parse import urlsplit

from django.core.management import call_command

PHONE = {"width": 390, "height": 844}
DEMO_PASSWORD = "Demo@2025"
ROLES = (
    "thuky",
    "lanhdao",
    "canbo.khcn",
    "canbo.xa",
    "thamdinh",
    "taichinh",
    "admin",
    "tw.thuky",
    "pleiku.thuky",
)
# Not pages of the portal's own layout: files, the Django admin, the API and sign-out.
NOT_PAGES = re.compile(
    r"^/(admin|api|i18n|media|static)/|/(logout|download|file)/?$|\.\w{3,4}$|/evidence/"
)
PAGES_PER_ROLE = 30
CARD_PAGES = ("/tasks/", "/communes/review/", "/communes/funding/", "/extensions/", "/reports/")
OFFICERS = ("canbo.khcn", "canbo.xa")  # their home page is their work list

A4_WIDTH = {"width": 794, "height": 1123}  # 210 × 297 mm at 96 px per inch
CLIPPED_TABLES = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('table')].filter((table) => {
    if (table.getBoundingClientRect().right > width + 1) return true;
    for (let box = table.parentElement; box; box = box.parentElement) {
      const style = getComputedStyle(box);
      const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible';
      const cut = box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
      if (clips && cut) return true;
    }
    return false;
  }).map((table) => table.querySelector('caption, th')?.textContent.trim());
}"""
MEASURE = """() => {
  const root = document.documentElement;
  const boxes = [...document.querySelectorAll('.table-responsive')]
    .filter((box) => box.scrollWidth > box.clientWidth + 1)
    .map((box) => box.querySelector('table')?.className || 'table-responsive');
  return {page: root.scrollWidth, screen: root.clientWidth, boxes};
}"""


def shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def walk(page, host: str):
    """Yield (path, measurement) for each page shape reachable from the home page."""
    seen: set[str] = set()
    queue = [urlsplit(page.url).path]
    while queue and len(seen) < PAGES_PER_ROLE:
        path = queue.pop(0)
        if shape(path) in seen or NOT_PAGES.search(path):
            continue
        seen.add(shape(path))
        response = page.goto(path)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        yield path, response.status, page.evaluate(MEASURE)
        for href in page.eval_on_selector_all("a[href]", "links => links.map((a) => a.href)"):
            url = urlsplit(href)
            if url.netloc == host and shape(url.path) not in seen:
                queue.append(url.path)


def test_no_page_of_any_role_scrolls_sideways_on_a_phone(new_page, live_server):
    call_command("seed_demo", stdout=io.StringIO())
    host = urlsplit(live_server.url).netloc
    overflowing, boxed, errors, visited = [], [], [], {}
    for username in ROLES:
        page = new_page(viewport=PHONE)
        sign_in(page, username)
        visited[username] = 0
        for path, status, size in walk(page, host):
            visited[username] += 1
            if status >= 500:
                errors.append(f"{username} {path}: {status}")
            if size["page"] > size["screen"]:
                overflowing.append(f"{username} {path}: {size['page']} px in {size['screen']}")
            cards = path in CARD_PAGES or (path == "/" and username in OFFICERS)
            if cards and size["boxes"]:
                boxed.append(f"{username} {path}: {size['boxes']}")

    paper = new_page(viewport=A4_WIDTH)
    sign_in(paper, "lanhdao")
    paper.emulate_media(media="print")
    paper.goto("/")
    tables = paper.locator("table").count()
    clipped = paper.evaluate(CLIPPED_TABLES)

    assert all(count >= 5 for count in visited.values()), visited
    assert not errors, errors
    assert not overflowing, "\n".join(overflowing)
    assert not boxed, "\n".join(boxed)
    assert tables >= 2, "the dashboard printed without its tables"
    assert not clipped, f"tables clipped on paper: {clipped}"
