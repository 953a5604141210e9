"""Signing in and passwords: the login page names the committee and offers "Quên mật khẩu?";
a forgotten password is reset by an e-mailed, single-use link; the password forms are styled."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import home_province, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    user = make_user("canbo", "agency_officer", home_province())
    user.email = "canbo@gialai.gov.vn"
    user.first_name = "Lan"
    user.save()
    return user


def test_login_page_names_the_committee_and_offers_a_reset(client):
    home_province()  # under the one top committee, "Ban Chỉ đạo Trung ương"

    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US").content.decode()

    assert "Ban Chỉ đạo Trung ương" in page
    assert "Quên mật khẩu?" in page
    assert reverse("password_reset") in page


def test_a_deployment_names_its_own_committee(client, settings):
    settings.PORTAL_OWNER = "Ban Chỉ đạo tỉnh Gia Lai"

    assert "Ban Chỉ đạo tỉnh Gia Lai" in client.get(reverse("login")).content.decode()


def test_a_forgotten_password_is_reset_by_the_emailed_link_once(client, officer):
    answer = client.post(reverse("password_reset"), {"email": "canbo@gialai.gov.vn"}, follow=True)

    assert "Kiểm tra hộp thư" in answer.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["canbo@gialai.gov.vn"]
    assert "canbo" in message.body
    link = re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)

    form = client.get(link, follow=True)
    assert 'class="form-control' in form.content.decode()
    set_password_url = form.redirect_chain[-1][0]
    done = client.post(
        set_password_url,
        {"new_password1": "Gia-Lai-2026!x", "new_password2": "Gia-Lai-2026!x"},
        follow=True,
    )
    assert "Đã đổi mật khẩu" in done.content.decode()
    signed_in = client.post(
        reverse("login"), {"username": "canbo", "password": "Gia-Lai-2026!x"}, follow=True
    )
    assert signed_in.context["user"].username == "canbo"
    client.logout()

    again = client.get(link, follow=True).content.decode()
    assert "data-invalid-link" in again


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, officer):
    answer = client.post(reverse("password_reset"), {"email": "ai@example.com"}, follow=True)

    assert "Kiểm tra hộp thư" in answer.content.decode()
    assert mail.outbox == []


def test_password_change_page_is_styled_and_vietnamese(client, officer):
    client.force_login(officer)

    page = client.get(reverse("password_change")).content.decode()

    assert page.count('class="form-control') == 3
    assert "Mật khẩu cũ" in page
