"""Bad files and bad cells: a clear message naming the row and column, and nothing written."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from steering.models import Agency
from tasks.annex import MAX_BYTES, MAX_ROWS
from tasks.models import ImportBatch, Task
from tests.tasks.import_annexes import simple_annex

HEADER = "STT,Nhiệm vụ,Cơ quan chủ trì,Thời hạn\r\n"


@pytest.fixture
def client(client_for, secretariat, agency_a, agency_b):
    """Signed in as the secretariat, reading the portal in English (Vietnamese is tested
    once below)."""
    client = client_for(secretariat)
    client.cookies["django_language"] = "en"
    return client


def refused(client, data: bytes, name: str) -> str:
    """Upload; the form must refuse the file. Returns the message."""
    response = client.post(
        reverse("import_list"),
        {"file": SimpleUploadedFile(name, data), "default_field": "digital_government"},
    )
    assert response.status_code == 400
    assert not ImportBatch.objects.exists() and not Task.objects.exists()
    return " ".join(response.context["form"].errors["file"])


def preview_errors(client, data: bytes, name="a.xlsx") -> list[str]:
    client.post(
        reverse("import_list"),
        {"file": SimpleUploadedFile(name, data), "default_field": "digital_government"},
    )
    batch = ImportBatch.objects.latest("id")
    preview = client.get(reverse("import_preview", args=[batch.pk])).context["preview"]
    assert not preview.can_confirm
    client.post(reverse("import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED and not Task.objects.exists()
    return preview.error_messages()


def test_renamed_non_excel_file(client):
    message = refused(client, b"%PDF-1.7\n" + b"x" * 2000, "phu-luc.xlsx")
    assert "is not really an Excel file" in message


def test_corrupt_workbook(client):
    assert "damaged" in refused(client, b"PK\x03\x04" + b"\x00garbage" * 100, "phu-luc.xlsx")


def test_password_protected_workbook(client):
    # An encrypted .xlsx is an OLE container holding an "EncryptionInfo" stream.
    data = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "EncryptionInfo".encode("utf-16-le")
    )
    assert "password-protected" in refused(client, data, "phu-luc.xlsx")


def test_zip_bomb(client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (50 * 1024 * 1024))
    assert "zip bomb" in refused(client, buffer.getvalue(), "phu-luc.xlsx")


def test_more_than_the_row_limit(client):
    body = "".join(f"{i},Nhiệm vụ {i},Sở Nội vụ,2025\r\n" for i in range(MAX_ROWS + 1))
    assert "more than 20.000 rows" in refused(client, (HEADER + body).encode(), "a.csv")


def test_more_than_10_mb(client):
    assert "larger than 10 MB" in refused(client, b"a" * (MAX_BYTES + 1), "a.csv")


def test_header_not_found(client):
    data = "Họ và tên,Ngày sinh\r\nNguyễn Văn A,01/01/1980\r\n".encode()
    assert "No header row found" in refused(client, data, "a.csv")


def test_message_in_vietnamese(client):
    client.cookies["django_language"] = "vi"
    message = refused(client, b"%PDF-1.7\n" + b"x" * 2000, "phu-luc.xlsx")
    assert "không thực sự là tệp Excel" in message


def test_text_in_percent_column_names_row_and_column(client):
    data = simple_annex(
        [[1, "Nhiệm vụ", "Sở Nội vụ", "Năm 2025", "một nửa"]],
        header=["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tỷ lệ hoàn thành (%)"],
    )
    errors = preview_errors(client, data)
    assert errors == [
        'Row 2, column E (Tỷ lệ hoàn thành (%)): "một nửa" is not a percentage between 0 and 100.'
    ]


def test_date_that_does_not_exist(client):
    errors = preview_errors(client, simple_annex([[1, "Nhiệm vụ", "Sở Nội vụ", "", "31/02/2025"]]))
    assert errors == ['Row 2, column E (Thời hạn): The date "31/02/2025" does not exist.']


def test_duplicate_codes_in_one_file(client):
    data = simple_annex(
        [["57-100", "Nhiệm vụ A", "Sở Nội vụ"], ["57-100", "Nhiệm vụ B", "Sở Nội vụ"]],
        header=["Mã nhiệm vụ", "Nhiệm vụ", "Chủ trì"],
    )
    errors = preview_errors(client, data)
    assert errors == ['Row 3, column A (Mã nhiệm vụ): Code "57-100" already appears in row 2.']


def test_unknown_lead_agency_blocks_the_import(client):
    errors = preview_errors(client, simple_annex([[1, "Nhiệm vụ", "Sở Không Tồn Tại", "", ""]]))
    assert errors == [
        'Row 2, column C (Đơn vị chủ trì): Agency "Sở Không Tồn Tại" is not known: '
        "choose it or create it below."
    ]


def test_formulas_use_the_cached_value(client):
    """A formula cell imports the value Excel saved with it; the formula is never run."""
    data = simple_annex([[1, "=UPPER(B1)", "Sở Nội vụ", "", "=TODAY()"]])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    sheet = files["xl/worksheets/sheet1.xml"].decode()
    sheet = re.sub(
        r'<c r="B2"([^>]*)><f>([^<]*)</f><v\s*/?>(?:</v>)?',
        r'<c r="B2"\1 t="str"><f>\2</f><v>Nhiệm vụ tính bằng công thức</v>',
        sheet,
    )
    sheet = re.sub(
        r'<c r="E2"([^>]*)><f>([^<]*)</f><v\s*/?>(?:</v>)?',
        r'<c r="E2"\1 t="str"><f>\2</f><v>Quý IV/2025</v>',
        sheet,
    )
    files["xl/worksheets/sheet1.xml"] = sheet.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    client.post(
        reverse("import_list"),
        {"file": SimpleUploadedFile("a.xlsx", buffer.getvalue()), "default_field": "innovation"},
    )
    batch = ImportBatch.objects.latest("id")
    client.post(reverse("import_confirm", args=[batch.pk]))
    task = Task.objects.get()
    assert task.title == "Nhiệm vụ tính bằng công thức" and task.deadline_text == "Quý IV/2025"


def test_rows_whose_task_is_empty_or_a_formula_without_a_value_are_errors(client):
    """Formulas written by openpyxl have no saved value, like a formula Excel could not
    compute: the row was dropped without a word; now it is an error naming the row."""
    data = simple_annex(
        [
            [1, "Nhiệm vụ có nội dung", "Sở Nội vụ", "", "Năm 2025"],
            [2, "=B99", "Sở Nội vụ", "", "Năm 2025"],
            [3, None, "Sở Nội vụ", "", "Năm 2025"],
        ]
    )
    errors = preview_errors(client, data)
    assert errors == [
        f"Row {row}, column B (Tên nhiệm vụ): The task is empty (or a formula without a saved "
        "value)."
        for row in (3, 4)
    ]


def test_a_header_without_task_rows_is_refused(client):
    data = simple_annex([[], ["Ghi chú: không có nhiệm vụ"]])
    assert "header row but no task rows" in refused(client, data, "phu-luc.xlsx")


def test_a_deadline_in_year_9999_names_the_row(client):
    errors = preview_errors(client, simple_annex([[1, "Nhiệm vụ", "Sở Nội vụ", "", "31/12/9999"]]))
    assert errors == [
        'Row 2, column E (Thời hạn): The year in "31/12/9999" must have 4 digits, between 2000 '
        "and 2100."
    ]


def test_an_agency_name_longer_than_255_characters_cannot_be_created(client):
    name = "Ban quản lý " + "dự án " * 60
    client.post(
        reverse("import_list"),
        {
            "file": SimpleUploadedFile("a.xlsx", simple_annex([[1, "Nhiệm vụ", name, "", ""]])),
            "default_field": "innovation",
        },
    )
    batch = ImportBatch.objects.get()
    response = client.post(reverse("import_preview", args=[batch.pk]), {"agency-0": "new"})
    assert response.status_code == 400
    assert "is longer than 255 characters" in response.content.decode()
    client.post(reverse("import_confirm", args=[batch.pk]))
    assert not Task.objects.exists() and not Agency.objects.filter(name__startswith="Ban").exists()
