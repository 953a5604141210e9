"""Response headers an attacker meets: a Content-Security-Policy without inline scripts,
Permissions-Policy and Referrer-Policy; and pages that really contain no inline script."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from tests.authz.matrix import walk_urls

pytestmark = pytest.mark.django_db

# Pages with object parameters, shown for the persona's own tenant (A) when it has the object.
OBJECT_PAGES = {
    "task_detail": "task",
    "committee_detail": "committee",
    "meeting_detail": "meeting",
    "communes:commune_detail": "commune",
    "communes:request_detail": "request_approved",
    "communes:programme_detail": "programme",
    "communes:request_create": "commune",
    "communes:request_edit": "request_draft",
    "communes:survey_create": "commune",
    "task_edit": "task",
    "import_preview": "import_batch",
}
NOT_PAGES = {"logout", "set_language", "report_create"}


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, event-handler attributes,
    ``javascript:`` links and ``<style>`` elements."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self._in_script = True
            if not attrs.get("src"):
                self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs.items():
            if name.startswith("on") or name.startswith("hx-on"):
                self.found.append(f"<{tag} {name}>")
            if (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found.append("script content")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def assert_strict(response):
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"


def test_the_login_page_is_strict_and_has_no_inline_code(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert_strict(response)
    assert inline_code(response.content.decode()) == []


def test_the_inline_code_finder_finds_inline_code():
    html = (
        '<script>alert(1)</script><a href="javascript:go()">x</a>'
        '<button onclick="go()">y</button><style>p{}</style><script src="/a.js"></script>'
    )
    assert inline_code(html) == [
        "<script> without src",
        "script content",
        "<a href=javascript:>",
        "<button onclick>",
        "<style>",
    ]


@pytest.mark.parametrize(
    "persona",
    ["secretariat", "leader", "agency_officer", "commune_officer", "reviewer", "finance",
     "administrator", "commune_secretariat"],
)  # fmt: skip
def test_every_page_of_each_role_is_strict_and_has_no_inline_code(world, persona):
    client = Client()
    client.force_login(world.personas[persona])
    own = world.tenants["A"].obj
    urls = [
        reverse(name)
        for name, params in walk_urls().items()
        if not params and name not in NOT_PAGES and not name.startswith(("admin:", "api"))
    ]
    urls += [
        reverse(name, kwargs={"pk": own[kind].pk})
        for name, kind in OBJECT_PAGES.items()
        if kind in own
    ]
    checked = 0
    for url in urls:
        response = client.get(url)
        assert "Content-Security-Policy" in response, url
        assert_strict(response)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            assert inline_code(response.content.decode()) == [], url
            checked += 1
    assert checked >= 5


def test_the_admin_allows_style_elements_but_scripts_stay_strict(client, world):
    client.force_login(world.personas["administrator"])
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" in policy["style-src"]
    assert [f for f in inline_code(response.content.decode()) if "script" in f] == []


def test_api_answers_carry_the_headers_too(client, world):
    client.force_login(world.personas["secretariat"])
    response = client.get(reverse("api_task_list"))
    assert response.status_code == 200
    assert_strict(response)
