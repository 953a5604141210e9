import unicodedata

import pytest

from common.text import clean, fold, nfc


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  Chuyển   đổi\tsố \n", "Chuyển đổi số"),
        ("Chuyển\u00a0đổi\u00a0\u00a0số", "Chuyển đổi số"),
        (unicodedata.normalize("NFD", "Quý III/2025"), "Quý III/2025"),
        ("", ""),
    ],
)
def test_nfc(value: str, expected: str) -> None:
    result = nfc(value)
    assert result == expected
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Chuyển đổi số", "chuyen doi so"),
        ("ĐẢNG ỦY", "dang uy"),
        ("Đà Nẵng", "da nang"),
        ("  Hằng\u00a0 năm ", "hang nam"),
        ("Quý III/2025", "quy iii/2025"),
    ],
)
def test_fold(value: str, expected: str) -> None:
    assert fold(value) == expected


def test_fold_ignores_normalisation_form() -> None:
    text = "Nghị quyết 57-NQ/TW về đột phá phát triển khoa học, công nghệ"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Số hóa\x1b hồ sơ", "Số hóa hồ sơ"),  # ESC: openpyxl refused the whole workbook
        ("a\x00b\x7fc\x9bd\ufffee", "abcde"),  # NUL, DEL, a C1 control, a non-character
        ("dòng 1\r\ndòng 2\rdòng 3\x0bdòng 4", "dòng 1\ndòng 2\ndòng 3\ndòng 4"),
        ("cột 1\tcột 2\n", "cột 1\tcột 2\n"),  # tab and newline kept, nothing stripped
        (unicodedata.normalize("NFD", "Quý"), "Quý"),
    ],
)
def test_clean(value: str, expected: str) -> None:
    assert clean(value) == expected


def test_nfc_removes_control_characters_too() -> None:
    assert nfc(" Chuyển\x1b đổi\x0bsố ") == "Chuyển đổi số"
