"""Template filter ``number``: decimals written the Vietnamese way (2.900.000; 44,05)."""

from decimal import Decimal

from django import template

from common.numbers import format_number

register = template.Library()


@register.filter
def number(value: Decimal | int | float | None) -> str:
    return "—" if value is None else format_number(value)
