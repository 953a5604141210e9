"""Decimal figures written the Vietnamese way: "2.900.000", "44,05"."""

import re
from decimal import Decimal, InvalidOperation

_GROUPED = re.compile(r"\d{1,3}(\.\d{3})+")


def format_number(value: Decimal | int | float) -> str:
    """2900000 -> "2.900.000", 44.05 -> "44,05", 2.10 -> "2,1" (trailing zeros dropped)."""
    number = Decimal(str(value))
    sign = "-" if number < 0 else ""
    whole, _, decimals = f"{abs(number):f}".partition(".")
    decimals = decimals.rstrip("0")
    text = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{text},{decimals}" if decimals else f"{sign}{text}"


def parse_number(text: str) -> Decimal:
    """What staff type -> Decimal: "2.900.000", "2 900 000", "44,05" and "44.05" all work.

    With a comma, the comma is the decimal separator and dots group thousands. Without one, a
    dot followed by groups of exactly three digits ("1.620.000") groups thousands; any other dot
    is a decimal point. Raises ValueError when the text is not a number.
    """
    cleaned = re.sub(r"[\s\u00a0]", "", text)
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif _GROUPED.fullmatch(cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        number = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not number.is_finite():
        raise ValueError(text)
    return number
