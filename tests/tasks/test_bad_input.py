"""Malformed input found in a review: each once gave a 500; now a clear 400 (or a safe page)."""

from datetime import date

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tasks.models import ImportBatch, ProgressUpdate


def test_damaged_csv_annex_is_refused_with_a_message(client_for, officer_a):
    client = client_for(officer_a)
    for data in [b"\xff\xfe" + b"\x41", b"\xef\xbb\xbf" + b"\xff\xfe\xfa broken"]:
        upload = SimpleUploadedFile("phu-luc.csv", data, "text/csv")
        response = client.post(
            reverse("import_list"), {"file": upload, "default_field": "innovation"}
        )
        assert response.status_code == 400, response.status_code
    assert not ImportBatch.objects.exists()  # nothing kept


@time_machine.travel(date(2025, 8, 1))
def test_reviewers_and_finance_do_not_log_progress(
    client_for, reviewer, finance, make_task, agency_a
):
    task = make_task("Số hóa hồ sơ", leads=[agency_a], deadline="Năm 2025")
    url = reverse("progress_create", args=[task.assignments.get().pk])
    data = {"percent": 10, "effective_date": "2025-07-30", "note": "x"}
    for user in (reviewer, finance):
        assert client_for(user).post(url, data).status_code == 404
    assert not ProgressUpdate.objects.exists()
