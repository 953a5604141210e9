"""The API's schema and browsable pages need a signed-in user, like every page."""

from django.urls import reverse


def test_the_schema_needs_login(client, secretariat):
    anonymous = client.get(reverse("api_schema"), HTTP_ACCEPT="application/json")
    assert anonymous.status_code in (401, 403)
    assert "openapi" not in anonymous.content.decode()

    client.force_login(secretariat)
    signed_in = client.get(reverse("api_schema"), HTTP_ACCEPT="application/json")
    assert signed_in.status_code == 200
    assert "openapi" in signed_in.json()


def test_the_browsable_api_needs_login(client, secretariat):
    anonymous = client.get(reverse("api_task_list"), HTTP_ACCEPT="text/html")
    assert anonymous.status_code in (401, 403)
    assert anonymous["Content-Type"] == "application/json"
    assert "<html" not in anonymous.content.decode()

    client.force_login(secretariat)
    signed_in = client.get(reverse("api_task_list"), HTTP_ACCEPT="text/html")
    assert signed_in.status_code == 200
    assert signed_in["Content-Type"].startswith("text/html")
