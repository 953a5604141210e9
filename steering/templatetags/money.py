"""Template filters for money: ``vnd`` (263.300.000.000 ₫) and ``vnd_short``, in the page's
language (263,3 tỷ đồng; VND 263.3 billion)."""

from django import template
from django.utils.translation import get_language

from common.money import format_vnd, format_vnd_short

register = template.Library()


@register.filter
def vnd(amount: int | None) -> str:
    return "—" if amount is None else format_vnd(amount)


@register.filter
def vnd_short(amount: int | None) -> str:
    return "—" if amount is None else format_vnd_short(amount, get_language() or "vi")
