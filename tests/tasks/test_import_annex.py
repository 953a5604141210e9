"""Reading annexes as departments send them: no editing of the file before the import."""

import unicodedata
from datetime import date

import pytest
from openpyxl import Workbook

from tasks.annex import AnnexError, cell_text, read_annex
from tasks.models import Field
from tests.tasks.import_annexes import real_annex, simple_annex, workbook_bytes


def test_real_annex_title_rows_merged_two_row_header_sections_and_footer():
    annex = read_annex(real_annex(), "phu-luc.xlsx")
    assert annex.header_rows == (7, 8)
    keys = {c.letter: c.key for c in annex.columns}
    assert keys == {
        "A": "number",
        "B": "title",
        "C": "lead",
        "D": "coordinating",
        "E": "deadline",
        "F": "output",
        "G": "description",
    }
    assert [r.row for r in annex.records] == [11, 12, 13, 16]  # no section, footer, signature
    first, sub, _sub2, other = annex.records
    assert first.section == "I. NHIỆM VỤ VỀ HẠ TẦNG SỐ"
    assert first.section_field == Field.INFRASTRUCTURE
    assert sub.parent_row == 11 and first.parent_row is None
    # Numbering restarts in each section: "1" of section II is not the parent of anything above.
    assert other.section_field == Field.HUMAN_RESOURCES and other.parent_row is None


@pytest.mark.parametrize(
    "headers",
    [
        ["STT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"],
        ["stt", "nhiem vu", "chu tri", "phoi hop", "tien do"],
        ["No.", "Task", "Lead agency", "Coordinating agencies", "Deadline"],
        [
            "TT",
            "Nội dung",
            "Cơ quan, đơn vị chủ trì thực hiện",
            "Cơ quan phối hợp",
            "Thời gian thực hiện",
        ],
    ],
)
def test_header_synonyms_with_or_without_diacritics_and_in_english(headers):
    annex = read_annex(simple_annex([[1, "Nhiệm vụ", "Sở Nội vụ", "", "2025"]], headers), "a.xlsx")
    assert [c.key for c in annex.columns] == ["number", "title", "lead", "coordinating", "deadline"]


def test_column_mapping_can_be_corrected():
    data = simple_annex([[1, "Nhiệm vụ", "Sở Nội vụ", "x", "2025"]])
    annex = read_annex(data, "a.xlsx", mapping={3: None})
    assert annex.column_for("coordinating") is None


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Excel writes it: precomposed base letters (ô, ơ, ư...) followed by a
    combining tone mark."""
    out = b""
    for char in text:
        base, *marks = unicodedata.normalize("NFD", char)
        head = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in TONE_MARKS))
        out += (head + "".join(m for m in marks if m in TONE_MARKS)).encode("cp1258")
    return out


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_csv_in_the_encodings_excel_writes(encoding):
    text = (
        "STT;Nhiệm vụ;Cơ quan chủ trì;Thời hạn\r\n1;Số hóa hồ sơ đất đai;Sở Nội vụ;Quý III/2025\r\n"
    )
    data = to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    annex = read_annex(data, "danh-muc.csv")
    values = annex.records[0].values
    assert cell_text(values["title"]) == "Số hóa hồ sơ đất đai"
    assert cell_text(values["lead"]) == "Sở Nội vụ"
    assert cell_text(values["deadline"]) == "Quý III/2025"


def test_formulas_give_their_cached_value_and_are_never_evaluated(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Nhiệm vụ", "Chủ trì", "Thời hạn"])
    sheet.append([1, '=HYPERLINK("http://example.com","x")', "Sở Nội vụ", "=TODAY()"])
    annex = read_annex(workbook_bytes(workbook), "a.xlsx")
    # openpyxl stores no cached value; a spreadsheet would have. Either way, nothing runs.
    assert annex.records == [] or annex.records[0].values["deadline"] in ("", None)


def test_dates_in_date_cells_become_dd_mm_yyyy():
    annex = read_annex(
        simple_annex([[1, "Nhiệm vụ", "Sở Nội vụ", "", date(2025, 8, 15)]]), "a.xlsx"
    )
    assert cell_text(annex.records[0].values["deadline"]) == "15/08/2025"


def test_header_not_found_is_refused_with_a_clear_message():
    workbook = Workbook()
    workbook.active.append(["Họ và tên", "Ngày sinh"])
    with pytest.raises(AnnexError, match="Cơ quan chủ trì"):
        read_annex(workbook_bytes(workbook), "a.xlsx")
