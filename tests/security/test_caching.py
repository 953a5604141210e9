"""No cache keeps committee data: downloads and signed-in pages say ``no-store``; static
files keep WhiteNoise's caching."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

DOWNLOADS = {
    "evidence_download": "evidence",
    "communes:attachment_download": "attachment",
    "import_file": "import_batch",
}


@pytest.fixture
def secretariat_client(world):
    client = Client()
    client.force_login(world.personas["secretariat"])
    return client


def assert_no_store(response):
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("name", DOWNLOADS)
def test_file_downloads_are_not_stored(world, secretariat_client, name):
    obj = world.tenants["A"].obj[DOWNLOADS[name]]
    response = secretariat_client.get(reverse(name, kwargs={"pk": obj.pk}))
    assert response["Content-Disposition"].startswith("attachment")
    assert_no_store(response)


def test_report_downloads_are_not_stored(world, secretariat_client):
    report = world.tenants["A"].obj["report"]
    for fmt in ("pdf", "xlsx"):
        url = reverse("report_download", kwargs={"pk": report.pk, "fmt": fmt})
        response = secretariat_client.get(url)
        assert response["Content-Disposition"].startswith("attachment")
        assert_no_store(response)


@pytest.mark.parametrize("name", ["task_export", "task_template"])
def test_exports_are_not_stored(secretariat_client, name):
    response = secretariat_client.get(reverse(name))
    assert response["Content-Disposition"].startswith("attachment")
    assert_no_store(response)


@pytest.mark.parametrize("name", ["home", "task_list", "api_task_list"])
def test_signed_in_pages_are_not_stored(secretariat_client, name):
    assert_no_store(secretariat_client.get(reverse(name)))


def test_static_files_keep_their_caching(secretariat_client):
    response = secretariat_client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
