"""Filters for the report templates: figures from the snapshot written the Vietnamese way."""

from datetime import date

from django import template
from django.utils.safestring import mark_safe

from common.money import format_amount, format_dong, format_vnd_short
from common.numbers import format_number

register = template.Library()

# Where the PDF may be cut into parts rendered one by one (reports/pdf.py): before each annex,
# and every CUT_EVERY rows of a long table; a part holds at most ROWS_PER_PART rows (more only
# from a table that has no cut), so that WeasyPrint never lays out many more rows at once.
CUT = "<!--cut-->"
CUT_EVERY, ROWS_PER_PART = 100, 300


@register.simple_tag
def cut(forloop: dict | None = None) -> str:
    """A cut (``CUT``): always without ``forloop``; inside a table's row loop, after every
    ``CUT_EVERY`` rows but the last."""
    if forloop is None:
        return mark_safe(CUT)  # noqa: S308  (a constant)
    every = forloop["counter"] % CUT_EVERY == 0 and not forloop["last"]
    return mark_safe(CUT) if every else ""  # noqa: S308  (a constant)


@register.filter
def dmy(value: str | None) -> str:
    """An ISO date of the snapshot as dd/mm/yyyy."""
    return date.fromisoformat(value).strftime("%d/%m/%Y") if value else ""


@register.filter
def decimal_vi(value: float) -> str:
    """51.7 -> "51,7" (decimal comma)."""
    return f"{value:g}".replace(".", ",")


@register.filter
def number(value: float | None) -> str:
    """2900000 -> "2.900.000", 44.05 -> "44,05"; a missing figure is a dash."""
    return "—" if value is None else format_number(value)


@register.filter
def signed(value: float) -> str:
    """A change with its sign: "+3", "-2,5", "0"."""
    text = decimal_vi(abs(value))
    return f"+{text}" if value > 0 else f"-{text}" if value < 0 else "0"


@register.filter
def vnd(value: int) -> str:
    """247836400000 -> "247.836.400.000 đồng", the full amount as official documents write it."""
    return format_dong(value)


@register.filter
def amount(value: int) -> str:
    """247836400000 -> "247.836.400.000", in a column headed "(đồng)"."""
    return format_amount(value)


@register.filter
def vnd_short(value: int) -> str:
    """263300000000 -> "263,3 tỷ đồng", as running text writes amounts."""
    return format_vnd_short(value)


@register.filter
def long_date(value: str) -> str:
    """ "2025-10-01" -> "ngày 01 tháng 10 năm 2025", as written under the national motto.

    Decree 30 writes a leading zero for days below 10 and for months 1 and 2 only.
    """
    day = date.fromisoformat(value)
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"
