from django.urls import reverse


def test_vietnamese_is_the_default_and_english_is_one_click_away(client_for, secretariat):
    client = client_for(secretariat)
    assert "Trang chủ" in client.get(reverse("home")).content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert response.status_code == 302
    page = client.get(reverse("home")).content.decode()
    assert "Home" in page and "Trang chủ" not in page


def test_login_page_can_switch_language_before_signing_in(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert "Log in" in client.get(reverse("login")).content.decode()
