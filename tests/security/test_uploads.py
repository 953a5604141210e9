"""Oversized requests are refused from their Content-Length, before the body is read: the
tests announce a large body but send a small valid form, which the view would have saved."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tasks.models import Assignment, ImportBatch, ProgressUpdate

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MB = 1024 * 1024


@pytest.fixture
def lead(make_task, agency_a):
    task = make_task("Số hóa hồ sơ hộ tịch", leads=[agency_a])
    return task.assignments.get(role=Assignment.Role.LEAD)


def progress(client, lead, length=None, headers=None):
    data = {
        "percent": 40,
        "effective_date": timezone.localdate().isoformat(),
        "note": "Đã triển khai",
        "files": SimpleUploadedFile("bien-ban.pdf", PDF),
    }
    extra = {"CONTENT_LENGTH": str(length)} if length else {}
    return client.post(reverse("progress_create", args=[lead.pk]), data, headers=headers, **extra)


def test_an_oversized_upload_is_refused_before_the_view_runs(client_for, officer_a, lead):
    client = client_for(officer_a)
    too_big = settings.UPLOAD_MAX_REQUEST_BYTES + MB

    response = progress(client, lead, length=too_big)

    assert response.status_code == 413
    page = response.content.decode()
    assert "Tệp tải lên quá lớn" in page and "50 MB" in page
    assert not ProgressUpdate.objects.exists()
    # The same form with its true length is saved: the 413 came from the length alone.
    assert progress(client, lead).status_code == 302
    assert ProgressUpdate.objects.count() == 1


def test_htmx_gets_the_message_as_an_alert_for_the_form(client_for, officer_a, lead):
    response = progress(
        client_for(officer_a),
        lead,
        length=settings.UPLOAD_MAX_REQUEST_BYTES + MB,
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 413
    assert response["HX-Reswap"] == "afterbegin"
    html = response.content.decode()
    assert html.startswith('<div class="alert alert-danger"') and "<html" not in html
    assert not ProgressUpdate.objects.exists()


def test_an_annex_upload_is_limited_to_one_file(client_for, secretariat):
    length = settings.UPLOAD_MAX_FILE_BYTES + MB
    annex = SimpleUploadedFile("a.csv", "Tên nhiệm vụ\nA\n".encode())
    response = client_for(secretariat).post(
        reverse("import_list"),
        {"file": annex, "default_field": "other"},
        CONTENT_LENGTH=str(length),
    )
    assert response.status_code == 413
    assert "10 MB" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_the_api_answers_413_in_json(client_for, officer_a, lead):
    response = client_for(officer_a).post(
        reverse("api_progress_create", args=[lead.pk]),
        {"percent": 40, "effective_date": timezone.localdate().isoformat(), "version": 1},
        content_type="application/json",
        CONTENT_LENGTH=str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + MB),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]
    assert not ProgressUpdate.objects.exists()
