"""Login throttling: wrong passwords lock one username from one address, on the login form
and on API Basic authentication; other users and other addresses are not locked out."""

import base64

import pytest
from django.conf import settings
from django.urls import reverse

from steering.authz import Role
from tests.factories import make_user

LOCKED = "Đăng nhập sai quá nhiều lần"  # the Vietnamese lock-out message
ATTEMPTS = 30


@pytest.fixture
def victim(committee, agency_a):
    return make_user("victim", Role.AGENCY_OFFICER, committee, agency_a)


def form_login(client, username, password, address="10.1.1.1", **extra):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


def basic(username, password, address="10.1.1.1"):
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}", "REMOTE_ADDR": address}


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_form_locks_out_after_wrong_passwords_even_the_right_one(client, victim):
    answers = [form_login(client, "victim", f"guess-{i}") for i in range(ATTEMPTS)]

    assert [a.status_code for a in answers[: settings.AXES_FAILURE_LIMIT - 1]] == [200] * (
        settings.AXES_FAILURE_LIMIT - 1
    )
    assert {a.status_code for a in answers[settings.AXES_FAILURE_LIMIT - 1 :]} == {429}
    right = form_login(client, "victim", "pw-victim")
    assert right.status_code == 429
    assert right["Retry-After"] == str(settings.AXES_COOLOFF_TIME.seconds)
    page = right.content.decode()
    assert LOCKED in page
    assert 'id="id_password"' in page  # the login form again, with the message
    assert not signed_in(client)


def test_the_lockout_message_is_english_in_english(client, victim):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # chosen with the switch
    for i in range(settings.AXES_FAILURE_LIMIT):
        form_login(client, "victim", f"guess-{i}")
    answer = form_login(client, "victim", "pw-victim")
    assert answer.status_code == 429
    assert "Too many failed sign-in attempts" in answer.content.decode()


def test_a_locked_out_attacker_does_not_lock_out_others(client, victim, officer_b):
    for i in range(ATTEMPTS):
        form_login(client, "victim", f"guess-{i}")

    # Another user from the attacker's address (the same office NAT) signs in.
    assert form_login(client, "officer_b", "pw-officer_b").status_code == 302
    assert signed_in(client)
    client.logout()
    # The victim, from their own address, signs in.
    assert form_login(client, "victim", "pw-victim", address="10.2.2.2").status_code == 302
    assert signed_in(client)


def test_a_few_wrong_passwords_then_the_right_one_sign_in_and_start_again(client, victim):
    for round_ in range(3):
        for i in range(settings.AXES_FAILURE_LIMIT - 1):
            assert form_login(client, "victim", f"guess-{round_}-{i}").status_code == 200
        assert form_login(client, "victim", "pw-victim").status_code == 302
        client.logout()


@pytest.fixture
def basic_auth_on(settings):
    """HTTP Basic is off unless the operator sets API_BASIC_AUTH."""
    settings.API_BASIC_AUTH = True


def test_api_basic_auth_is_off_by_default(client, victim):
    answer = client.get(reverse("api_task_list"), **basic("victim", "pw-victim"))
    assert answer.status_code == 401 and answer.json()["code"] == "not_authenticated"


@pytest.mark.usefixtures("basic_auth_on")
def test_api_basic_auth_locks_out_with_a_json_message(client, victim, officer_b):
    url = reverse("api_task_list")
    wrong = [client.get(url, **basic("victim", f"guess-{i}")) for i in range(ATTEMPTS)]
    assert {a.status_code for a in wrong[: settings.AXES_FAILURE_LIMIT - 1]} == {401}
    assert wrong[-1].status_code == 429

    right = client.get(url, **basic("victim", "pw-victim"))
    assert right.status_code == 429
    assert right["Content-Type"] == "application/json"
    assert right.json()["code"] == "locked_out" and LOCKED in right.json()["detail"]
    # Neither another user at that address nor the victim elsewhere is locked out.
    assert client.get(url, **basic("officer_b", "pw-officer_b")).status_code == 200
    assert client.get(url, **basic("victim", "pw-victim", address="10.2.2.2")).status_code == 200


@pytest.mark.usefixtures("basic_auth_on")
def test_form_and_api_count_the_same_attempts(client, victim):
    for i in range(settings.AXES_FAILURE_LIMIT):
        client.get(reverse("api_task_list"), **basic("victim", f"guess-{i}"))
    assert form_login(client, "victim", "pw-victim").status_code == 429


def test_behind_a_proxy_the_forwarded_address_counts_and_cannot_be_forged(client, victim, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "172.18.0.5"
    for i in range(settings.AXES_FAILURE_LIMIT):
        form_login(client, "victim", f"guess-{i}", address=proxy, HTTP_X_FORWARDED_FOR="1.1.1.1")

    # The attacker writes another address in front of what the proxy appends: still locked.
    forged = form_login(
        client, "victim", "pw-victim", address=proxy, HTTP_X_FORWARDED_FOR="9.9.9.9, 1.1.1.1"
    )
    assert forged.status_code == 429
    # The victim through the same proxy from their own address signs in.
    own = form_login(client, "victim", "pw-victim", address=proxy, HTTP_X_FORWARDED_FOR="2.2.2.2")
    assert own.status_code == 302
