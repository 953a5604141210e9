"""The API's pages in Chromium: a token made on the user's page, then Swagger UI listing the
operations, under the portal's Content-Security-Policy (a blocked script or style fails)."""

from django.urls import reverse

from apitokens.models import ApiToken, digest


def test_a_token_is_made_and_the_docs_render_the_operations(page, live_server, login, secretariat):
    login(page, live_server, secretariat)
    page.goto(live_server.url + reverse("api_tokens"))
    page.locator("#id_name").fill("Kho dữ liệu tỉnh")
    page.locator("#id_days").fill("30")
    page.get_by_role("button", name="Tạo token").click()
    key = page.locator("#new-token").inner_text().strip()
    assert ApiToken.objects.get(digest=digest(key)).user == secretariat

    page.goto(live_server.url + reverse("api_docs"))
    operations = page.locator(".opblock")
    operations.first.wait_for()
    assert operations.count() >= 10
    assert page.locator(".opblock-summary-path", has_text="/api/v1/tasks/").count() >= 1
