from decimal import Decimal

import pytest

from common.numbers import format_number, parse_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("2900000.00"), "2.900.000"),
        (Decimal("44.05"), "44,05"),
        (Decimal("2.10"), "2,1"),
        (89.05, "89,05"),
        (0, "0"),
        (Decimal("-1620000.5"), "-1.620.000,5"),
    ],
)
def test_format_number(value, expected: str) -> None:
    assert format_number(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2.900.000", Decimal("2900000")),
        ("2 900 000", Decimal("2900000")),
        ("1.620.000,5", Decimal("1620000.5")),
        ("44,05", Decimal("44.05")),
        ("44.05", Decimal("44.05")),
        ("2900000", Decimal("2900000")),
    ],
)
def test_parse_number(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "NaN", "Infinity"])
def test_parse_number_refuses_what_is_not_a_number(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)
