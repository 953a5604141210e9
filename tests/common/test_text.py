import unicodedata

import pytest

from common.text import fold, nfc


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
