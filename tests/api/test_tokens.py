"""Personal access tokens: made on the user's page (the key shown once) or by the command,
used as ``Authorization: Token`` or ``Bearer``, acting as their user only; expired and revoked
tokens refused; the owner or an administrator revokes; throttled per token and per user."""

import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from apitokens.models import ApiToken, digest
from apitokens.services import token_create


def bearer(client, key: str, url: str, scheme: str = "Token"):
    return client.get(url, HTTP_AUTHORIZATION=f"{scheme} {key}")


def test_a_token_is_made_on_the_page_shown_once_and_stored_hashed(client, officer_a):
    client.force_login(officer_a)
    page = client.get(reverse("api_tokens"))
    assert page.status_code == 200 and "Token mới" in page.text  # Vietnamese by default
    made = client.post(reverse("api_tokens"), {"name": "Hệ thống văn bản của Sở", "days": 30})
    assert made.status_code == 200
    key = re.search(r'id="new-token">([^<]+)<', made.text).group(1)
    token = ApiToken.objects.get()
    assert token.user == officer_a and token.name == "Hệ thống văn bản của Sở"
    assert token.digest == digest(key) and key not in (token.prefix, token.digest)
    assert key.startswith(token.prefix) and token.prefix in made.text
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    # Listed afterwards without the key.
    again = client.get(reverse("api_tokens"))
    assert token.prefix in again.text and key not in again.text
    # Refused input: a name is required, at most a year.
    refused = client.post(reverse("api_tokens"), {"name": "", "days": 400})
    assert refused.status_code == 400 and ApiToken.objects.count() == 1

    client.logout()
    answer = bearer(client, key, reverse("api_task_list"))
    assert answer.status_code == 200
    assert bearer(client, key, reverse("api_task_list"), "Bearer").status_code == 200


def test_a_token_acts_as_its_user_only(client, officer_a, officer_b, make_task, agency_a, agency_b):
    make_task("Của Sở KH&CN", leads=[agency_a])
    make_task("Của Sở Nội vụ", leads=[agency_b])
    _token, key = token_create(user=officer_b, name="b", days=1)
    url = reverse("api_task_list")
    titles = [t["title"] for t in bearer(client, key, url).json()["results"]]
    # The same as the user sees signed in.
    client.force_login(officer_b)
    assert titles == [t["title"] for t in client.get(url).json()["results"]]
    assert titles == ["Của Sở Nội vụ"]  # an agency officer's own agency's work only


def test_last_use_is_written_at_most_once_a_minute(client, officer_a):
    token, key = token_create(user=officer_a, name="x", days=1)
    url = reverse("api_task_list")
    with time_machine.travel(timezone.now(), tick=False):
        bearer(client, key, url)
        token.refresh_from_db()
        first = token.last_used_at
        assert first is not None
        bearer(client, key, url)
        token.refresh_from_db()
        assert token.last_used_at == first
    with time_machine.travel(first + timedelta(seconds=61), tick=False):
        bearer(client, key, url)
        token.refresh_from_db()
        assert token.last_used_at > first


def test_expired_revoked_unknown_and_inactive_tokens_are_refused(client, officer_a, officer_b):
    url = reverse("api_task_list")
    token, key = token_create(user=officer_a, name="x", days=1)
    with time_machine.travel(timezone.now() + timedelta(days=1, seconds=1)):
        expired = bearer(client, key, url)
    assert expired.status_code == 401
    assert expired.json()["code"] == "authentication_failed"
    assert expired["WWW-Authenticate"] == "Token"

    assert bearer(client, key + "x", url).status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION="Token").status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION="Token a b").status_code == 401

    _other, other_key = token_create(user=officer_b, name="y", days=1)
    officer_b.is_active = False
    officer_b.save()
    assert bearer(client, other_key, url).status_code == 401

    # The owner revokes on the page; then the key is refused.
    client.force_login(officer_a)
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 302
    client.logout()
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert bearer(client, key, url).json()["code"] == "authentication_failed"


def test_only_the_owner_or_an_administrator_revokes(client, officer_a, officer_b, administrator):
    token, key = token_create(user=officer_a, name="x", days=1)
    client.force_login(officer_b)
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    assert "x (" not in client.get(reverse("api_tokens")).text
    client.force_login(administrator)
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None

    # The admin's action revokes many at once.
    others = [token_create(user=officer_b, name=f"n{i}", days=1)[0] for i in range(2)]
    changelist = reverse("admin:apitokens_apitoken_changelist")
    answer = client.post(
        changelist, {"action": "revoke", "_selected_action": [t.pk for t in others]}
    )
    assert answer.status_code == 302
    assert not ApiToken.objects.live().exists()


def test_the_command_prints_a_new_token(client, officer_a):
    out = StringIO()
    call_command("api_token", "officer_a", "--name", "Kho dữ liệu tỉnh", "--days", "10", stdout=out)
    key = out.getvalue().strip()
    token = ApiToken.objects.get(digest=digest(key))
    assert token.user == officer_a and token.name == "Kho dữ liệu tỉnh"
    assert timedelta(days=9) < token.expires_at - timezone.now() <= timedelta(days=10)
    assert bearer(client, key, reverse("api_task_list")).status_code == 200
    with pytest.raises(CommandError):
        call_command("api_token", "nobody", "--name", "x", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("api_token", "officer_a", "--name", "x", "--days", "0", stdout=StringIO())


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"burst": "1000/s", "user": "5/min", "token": "3/min"},
    }


@pytest.mark.usefixtures("low_rates")
def test_throttled_per_token_then_per_user_with_retry_after(client, officer_a):
    url = reverse("api_task_list")
    _first, key = token_create(user=officer_a, name="a", days=1)
    _second, other = token_create(user=officer_a, name="b", days=1)
    answers = [bearer(client, key, url) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    throttled = answers[-1]
    body = throttled.json()
    assert throttled.status_code == 429 and body["code"] == "throttled" and body["errors"] == {}
    assert 0 < int(throttled["Retry-After"]) <= 60
    assert body["detail"]  # in the user's language
    # Another token of the same user has its own count, up to the user's rate (5 a minute:
    # every request counts for the user, the refused one too).
    assert [bearer(client, other, url).status_code for _ in range(2)] == [200, 429]
    assert bearer(client, other, url).json()["code"] == "throttled"
    # A minute later, both go again.
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        assert bearer(client, key, url).status_code == 200
