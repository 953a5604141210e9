"""Exporting the register to Excel in the annex layout, and the blank template."""

import io
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tasks.models import ImportBatch, Task
from tasks.resources import HEADERS
from tests.factories import AgencyFactory


@pytest.fixture
def register(make_task, agency_a, agency_b):
    finance = AgencyFactory(name="Sở Tài chính", short_name="STC")
    with time_machine.travel(date(2025, 7, 1)):
        parent = make_task(
            "Nâng cấp hạ tầng số",
            leads=[agency_a],
            coordinators=[finance, agency_b],
            deadline="Quý III/2025",
            is_key=True,
            field="infrastructure",
            level="central",
            expected_output="Hạ tầng được nâng cấp",
            description="Ghi chú\nhai dòng",
            source_article="I. HẠ TẦNG SỐ",
        )
        child = make_task(
            '=HYPERLINK("http://evil")', leads=[agency_a], deadline="15/08/2025", parent=parent
        )
        other = make_task("Làm sạch dữ liệu đất đai", leads=[agency_b], deadline="Thường xuyên")
    return parent, child, other


def sheet_of(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content)).active


def test_export_honours_the_register_filters_with_the_annex_layout(
    client_for, secretariat, register, agency_b
):
    parent, child, other = register
    response = client_for(secretariat).get(reverse("task_export"), {"agency": agency_b.pk})
    sheet = sheet_of(response)
    assert [c.value for c in sheet[1]] == list(HEADERS.values())
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width == 60
    codes = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert codes == [parent.code, other.code]  # agency B leads or coordinates these two
    row = dict(zip(HEADERS, next(sheet.iter_rows(min_row=2, values_only=True)), strict=True))
    assert row["lead"] == "Sở Khoa học và Công nghệ"
    assert row["coordinating"] == "Sở Nội vụ; Sở Tài chính"
    assert row["field"] == "Hạ tầng" or row["field"]
    assert row["deadline"] == "Quý III/2025" and row["is_key"] == "x"
    due = sheet.cell(row=2, column=list(HEADERS).index("due_date") + 1)
    assert due.value.date() == date(2025, 9, 30) and due.number_format == "DD/MM/YYYY"


def test_export_escapes_formula_like_text(client_for, secretariat, register):
    sheet = sheet_of(client_for(secretariat).get(reverse("task_export"), {"q": "hyperlink"}))
    cell = sheet.cell(row=2, column=3)
    assert cell.value == '\'=HYPERLINK("http://evil")' and cell.data_type == "s"


def test_officer_exports_only_what_they_see(client_for, officer_b, register):
    sheet = sheet_of(client_for(officer_b).get(reverse("task_export")))
    assert sheet.max_row == 3  # header + the two tasks agency B is assigned


def snapshot() -> dict:
    return {
        t.code: (
            t.title,
            t.field,
            t.level,
            t.is_key,
            t.deadline_text,
            t.due_date,
            t.recurring,
            t.expected_output,
            t.description,
            t.source_article,
            t.parent.code if t.parent else None,
            sorted((a.agency.name, a.role) for a in t.assignments.all()),
        )
        for t in Task.objects.select_related("parent").prefetch_related("assignments__agency")
    }


def test_export_then_import_is_lossless(client_for, secretariat, register):
    client = client_for(secretariat)
    exported = client.get(reverse("task_export")).content
    before = snapshot()

    def import_file():
        client.post(
            reverse("import_list"),
            {"file": SimpleUploadedFile("export.xlsx", exported), "default_field": "innovation"},
        )
        batch = ImportBatch.objects.latest("id")
        client.post(reverse("import_confirm", args=[batch.pk]))
        batch.refresh_from_db()
        assert batch.status == ImportBatch.Status.DONE, batch.error
        return batch

    batch = import_file()  # into the same register: nothing changes
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (0, 0, 3)
    Task.objects.filter(parent__isnull=False).delete()
    Task.objects.all().delete()
    batch = import_file()  # into an empty register: the same tasks again
    assert batch.created_count == 3
    assert snapshot() == before


def test_blank_template_has_drop_down_lists(client_for, officer_a, agency_a):
    response = client_for(officer_a).get(reverse("task_template"))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert [c.value for c in sheet[1]] == list(HEADERS.values()) and sheet.max_row == 1
    lists = workbook["Danh mục"]
    assert lists.sheet_state == "hidden"
    assert agency_a.name in [c.value for c in lists["A"]]
    ranges = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    field_column = "D"
    assert any(r.startswith(field_column) for r in ranges)
    assert len(ranges) == 6  # lead, coordinating, field, level, status, key


def test_leader_cannot_download_the_template(client_for, leader):
    assert client_for(leader).get(reverse("task_template")).status_code == 403
