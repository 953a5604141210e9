import unicodedata
from datetime import date

import pytest

from tasks.deadlines import DeadlineError, ParsedDeadline, parse_deadline


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # Quarters
        ("Quý III/2025", date(2025, 9, 30)),
        ("Quý 3/2025", date(2025, 9, 30)),
        ("quý 3 năm 2025", date(2025, 9, 30)),
        ("Quý III năm 2025", date(2025, 9, 30)),
        ("QUY III/2025", date(2025, 9, 30)),
        ("Q3 2025", date(2025, 9, 30)),
        ("Q3/2025", date(2025, 9, 30)),
        ("Quarter 3 2025", date(2025, 9, 30)),
        ("Quý I/2026", date(2026, 3, 31)),
        ("Quý IV/2025", date(2025, 12, 31)),
        ("Trong quý II/2025", date(2025, 6, 30)),
        (unicodedata.normalize("NFD", "Quý III/2025"), date(2025, 9, 30)),
        # Months
        ("Tháng 8/2025", date(2025, 8, 31)),
        ("tháng 8 năm 2025", date(2025, 8, 31)),
        ("T8/2025", date(2025, 8, 31)),
        ("08/2025", date(2025, 8, 31)),
        ("8/2025", date(2025, 8, 31)),
        ("August 2025", date(2025, 8, 31)),
        ("Tháng 2/2024", date(2024, 2, 29)),
        ("Tháng 2/2025", date(2025, 2, 28)),
        ("Tháng 6/2025", date(2025, 6, 30)),
        # Years
        ("Năm 2025", date(2025, 12, 31)),
        ("2025", date(2025, 12, 31)),
        ("Trong năm 2025", date(2025, 12, 31)),
        ("Year 2025", date(2025, 12, 31)),
        ("Cuối năm 2025", date(2025, 12, 31)),
        # Ranges and "until"
        ("2025-2030", date(2030, 12, 31)),
        ("2025 - 2030", date(2030, 12, 31)),
        ("Giai đoạn 2025 - 2030", date(2030, 12, 31)),
        ("giai đoạn 2025-2030", date(2030, 12, 31)),
        ("2025–2030", date(2030, 12, 31)),
        ("Đến năm 2030", date(2030, 12, 31)),
        ("Đến 2030", date(2030, 12, 31)),
        # Halves
        ("6 tháng đầu năm 2025", date(2025, 6, 30)),
        ("6 tháng cuối năm 2025", date(2025, 12, 31)),
        ("first half of 2025", date(2025, 6, 30)),
        ("H1 2025", date(2025, 6, 30)),
        ("H2 2025", date(2025, 12, 31)),
        # Dates, day first
        ("15/08/2025", date(2025, 8, 15)),
        ("15/8/2025", date(2025, 8, 15)),
        ("15-8-2025", date(2025, 8, 15)),
        ("15.8.2025", date(2025, 8, 15)),
        ("2025-08-15", date(2025, 8, 15)),
        ("Trước 15/8/2025", date(2025, 8, 15)),
        ("trước ngày 15/8/2025", date(2025, 8, 15)),
        ("Trước ngày 15 tháng 8 năm 2025", date(2025, 8, 15)),
        ("ngày 15/8/2025", date(2025, 8, 15)),
        ("Chậm nhất 15/8/2025", date(2025, 8, 15)),
        ("Hoàn thành trước 15/8/2025", date(2025, 8, 15)),
        ("Before 15/08/2025", date(2025, 8, 15)),
        ("By 15/08/2025", date(2025, 8, 15)),
        ("Truoc ngay 15/8/2025", date(2025, 8, 15)),
        ("05/04/2025", date(2025, 4, 5)),
        ("29/02/2024", date(2024, 2, 29)),
    ],
)
def test_parses_due_date(text: str, due: date) -> None:
    parsed = parse_deadline(text)
    assert parsed == ParsedDeadline(unicodedata.normalize("NFC", text).strip(), due, False)


@pytest.mark.parametrize(
    "text",
    [
        "Thường xuyên",
        "Thuong xuyen",
        "THƯỜNG XUYÊN",
        "Thường xuyên.",
        "Hằng năm",
        "Hàng năm",
        "Hang nam",
        "Hằng quý",
        "Hằng tháng",
        "Liên tục",
        "Regularly",
        "Annually",
        "Ongoing",
        "Continuous",
        unicodedata.normalize("NFD", "Thường xuyên"),
    ],
)
def test_recurring(text: str) -> None:
    parsed = parse_deadline(text)
    assert parsed.due_date is None
    assert parsed.recurring is True


@pytest.mark.parametrize("text", ["", "   ", "\u00a0\n"])
def test_empty_means_no_deadline(text: str) -> None:
    assert parse_deadline(text) == ParsedDeadline("", None, False)


def test_text_is_kept_nfc_normalised() -> None:
    parsed = parse_deadline(unicodedata.normalize("NFD", "  Quý III/2025 "))
    assert parsed.text == "Quý III/2025"


@pytest.mark.parametrize(
    "text",
    [
        # Dates that do not exist
        "31/02/2025",
        "29/02/2025",
        "31/04/2025",
        "00/08/2025",
        # Years, months and quarters out of range
        "15/8/25",
        "Năm 1800",
        "Năm 2101",
        "Quý III/25",
        "Tháng 13/2025",
        "Tháng 0/2025",
        "15/13/2025",
        "Quý V/2025",
        "Quý 5/2025",
        "Quý 0/2025",
        "2030-2025",
        # Not a deadline
        "Sớm",
        "Khi có kinh phí",
        "Quý III",
        "Tháng 8",
        "Trước quý III/2025",
        "August",
        "12345",
    ],
)
def test_rejects_with_message_quoting_text(text: str) -> None:
    with pytest.raises(DeadlineError) as excinfo:
        parse_deadline(text)
    assert f'"{text}"' in str(excinfo.value)


def test_error_quotes_nfc_text_for_nfd_input() -> None:
    with pytest.raises(DeadlineError) as excinfo:
        parse_deadline(unicodedata.normalize("NFD", "Quý V/2025"))
    assert '"Quý V/2025"' in str(excinfo.value)


def test_deadline_error_is_a_value_error() -> None:
    assert issubclass(DeadlineError, ValueError)
