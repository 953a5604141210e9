"""Malformed input found in a review: each once gave a 500; now a clear 400 (or a safe page)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from reports.models import Report
from tasks.models import ImportBatch, Task
from tests.reports.conftest import Q3_START, at


def test_report_filter_year_out_of_range_is_a_400(client_for, leader):
    client = client_for(leader)
    for year in ["0", "10000", "99999999999999999999"]:
        assert client.get(reverse("report_list"), {"year": year}).status_code == 400


def _workbook_titles(report) -> dict[str, object]:
    """Title cell of each task row in the report's "Quá hạn" sheet, by its code."""
    with report.xlsx.open("rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read()))["Quá hạn"]
    return {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}


def test_imported_control_characters_and_formulas_do_not_break_the_report(
    client_for, secretariat, agency_a, request_q3
):
    """A CSV annex with an ESC in one title and a formula for another: the quarter's report
    is still made, and its workbook holds both titles as plain text."""
    annex = (
        "Mã nhiệm vụ,Nhiệm vụ,Cơ quan chủ trì,Thời hạn\r\n"
        "57-901,Số hóa\x1b hồ sơ hộ tịch\x7f,Sở KH&CN,31/08/2025\r\n"
        '57-902,"=HYPERLINK(""http://x"",""Bấm"")",Sở KH&CN,31/08/2025\r\n'
    )
    client = client_for(secretariat)
    with at(Q3_START):
        client.post(
            reverse("import_list"),
            {"file": SimpleUploadedFile("a.csv", annex.encode()), "default_field": "innovation"},
        )
        client.post(reverse("import_confirm", args=[ImportBatch.objects.get().pk]))
    assert Task.objects.get(code="57-901").title == "Số hóa hồ sơ hộ tịch"

    report = request_q3()

    assert report.status == Report.Status.DONE, report.error
    titles = _workbook_titles(report)
    assert titles["57-901"].value == "Số hóa hồ sơ hộ tịch"
    formula = titles["57-902"]
    assert formula.data_type == "s" and formula.value == '\'=HYPERLINK("http://x","Bấm")'


def test_a_custom_period_in_year_0001_is_refused_on_the_field(client_for, secretariat, committee):
    client = client_for(secretariat)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("report_create"),
        {"committee": committee.pk, "period": "custom", "start": "01/01/0001", "end": "31/12/9999"},
    )
    assert response.status_code == 422 and not Report.objects.exists()
    errors = response.context["form"].errors
    message = ["Enter a date between 01/01/2000 and 31/12/2100."]
    assert errors["start"] == message and errors["end"] == message
