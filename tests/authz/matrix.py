"""The machinery of the isolation matrix: the URLs the resolver knows, how to build each URL
for a tenant, how to fetch it as a persona and what a response reveals.

The tables of expected answers are in ``test_isolation_matrix.py``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from tests.authz.conftest import World

# What a cell of the object matrix says, one character per tenant.
CODES = {
    200: "✓",  # the page, file or JSON
    302: "→",  # done, or sent back to a page with a message
    400: "!",  # the form or input is refused (nothing done)
    403: "✗",  # the role may not do this at all
    404: "·",  # not found: outside the persona's scope
    405: "m",  # method not allowed
    428: "v",  # the API's optimistic locking: the version read is required
}
NO_OBJECT = "-"  # the tenant has no such object (communes and money belong to provinces)
SERVER_ERROR = "E"


UNNAMED = "(unnamed)"


def walk_urls() -> dict[str, set[str]]:
    """Every URL pattern, "namespace:name" → the names of its parameters. A pattern without a
    name is listed as "(unnamed) <its route>", so it cannot slip through unclassified."""
    found: dict[str, set[str]] = {}

    def walk(patterns, namespaces: list[str], params: set[str], route: str) -> None:
        for pattern in patterns:
            own = set(pattern.pattern.regex.groupindex)
            full = route + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = [*namespaces, pattern.namespace] if pattern.namespace else namespaces
                walk(pattern.url_patterns, inner, params | own, full)
            elif pattern.name:
                found[":".join([*namespaces, pattern.name])] = params | own
            else:
                found[":".join([*namespaces, f"{UNNAMED} {full}"])] = params | own

    walk(get_resolver().url_patterns, [], set(), "")
    return found


@dataclass(frozen=True)
class Target:
    """How to build a URL for a tenant's object: ``build(tenant)`` gives the URL's kwargs, or
    None when the tenant has no such object."""

    build: Callable
    methods: tuple[str, ...] = ("GET",)
    api: bool = False


def pk(kind: str, **extra) -> Callable:
    def build(tenant):
        if kind not in tenant.obj:
            return None
        return {"pk": tenant.obj[kind].pk, **extra}

    build.kind = kind
    return build


@dataclass
class Answer:
    status: int
    body: str
    error: BaseException | None = None

    @property
    def code(self) -> str:
        if self.error is not None or self.status >= 500:
            return SERVER_ERROR
        return CODES.get(self.status, "?")


def _body(response) -> str:
    """What the response shows a reader: HTML or JSON text, a workbook's cells."""
    content_type = response.get("Content-Type", "")
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in content_type:
        try:
            workbook = load_workbook(io.BytesIO(raw), read_only=True)
        except Exception:  # a stored file of the test data, not a generated workbook
            return ""
        return "\n".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    if "json" in content_type:
        return json.dumps(json.loads(raw or b"null"), ensure_ascii=False)
    if content_type.startswith("text/"):
        return raw.decode("utf-8", errors="replace")
    return ""


def fetch(client: Client, method: str, url: str, *, api: bool = False) -> Answer:
    """One request, its changes rolled back; a crash is an answer (500) too."""
    try:
        with transaction.atomic():
            if method == "GET":
                response = client.get(url)
            elif api:
                response = client.generic(method, url, "{}", content_type="application/json")
            else:
                response = client.post(url, {})
            answer = Answer(response.status_code, _body(response))
            transaction.set_rollback(True)
        return answer
    except Exception as exc:  # noqa: BLE001 - reported as the cell's answer
        return Answer(500, "", exc)


def url_for(name: str, kwargs: dict | None) -> str:
    return reverse(name, kwargs=kwargs or None)


def leaked(world: World, persona: str, body: str) -> list[str]:
    """Names of the sibling province's objects (tagged "DLK-...") found in ``body``."""
    prefix = world.tenants["B"].prefix
    if prefix not in body:
        return []
    found = set()
    start = body.find(prefix)
    while start != -1:
        end = start + len(prefix)
        while end < len(body) and (body[end].isalnum() or body[end] in "-_"):
            end += 1
        found.add(body[start:end])
        start = body.find(prefix, end)
    return sorted(found)
