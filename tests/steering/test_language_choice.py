"""Vietnamese first: the browser's Accept-Language does not choose the language, the user does
(the VI/EN switch), and the choice holds on the next requests and at the next login."""

from django.conf import settings
from django.test import Client
from django.urls import reverse

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def login_page(client) -> str:
    return client.get(reverse("login"), **ENGLISH_BROWSER).content.decode()


def sign_in(client, user):
    return client.post(
        reverse("login"),
        {"username": user.username, "password": f"pw-{user.username}"},
        **ENGLISH_BROWSER,
    )


def test_an_english_browser_gets_the_vietnamese_login_page(client, db):
    page = login_page(client)
    assert "Đăng nhập" in page and "Tên đăng nhập" in page
    assert "Log in" not in page and "Username" not in page
    assert 'lang="vi"' in page


def test_an_english_browser_gets_vietnamese_pages_once_signed_in(client_for, secretariat):
    page = client_for(secretariat).get(reverse("home"), **ENGLISH_BROWSER).content.decode()
    assert "Trang chủ" in page and ">Home<" not in page


def test_english_chosen_on_the_login_page_holds_and_is_remembered_at_the_next_login(
    client, secretariat
):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert "Log in" in login_page(client) and "Đăng nhập" not in login_page(client)
    assert sign_in(client, secretariat).status_code == 302
    assert "Home" in client.get(reverse("home")).content.decode()

    # Signed in, the choice is the user's: it is kept in their profile...
    client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    secretariat.profile.refresh_from_db()
    assert secretariat.profile.language == "en"
    # ...so another browser (no cookie, Accept-Language Vietnamese) gets English after login.
    elsewhere = Client()
    assert "Đăng nhập" in elsewhere.get(reverse("login")).content.decode()
    assert sign_in(elsewhere, secretariat).status_code == 302
    page = elsewhere.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Home" in page and "Trang chủ" not in page


def test_choosing_vietnamese_again_switches_back(client_for, secretariat):
    client = client_for(secretariat)
    client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert "Home" in client.get(reverse("home"), **ENGLISH_BROWSER).content.decode()
    client.post(reverse("set_language"), {"language": "vi", "next": reverse("home")})
    assert "Trang chủ" in client.get(reverse("home"), **ENGLISH_BROWSER).content.decode()
    secretariat.profile.refresh_from_db()
    assert secretariat.profile.language == "vi"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "vi"


def test_the_password_length_error_is_vietnamese_on_the_vietnamese_page():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("vi"):
        try:
            validate_password("Ab1!")
        except ValidationError as error:
            messages = " ".join(error.messages)
    assert "Mật khẩu quá ngắn" in messages and "too short" not in messages
