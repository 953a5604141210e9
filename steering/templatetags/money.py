"""Template filters for money: ``vnd`` (263.300.000.000 ₫) and ``vnd_short`` (263,3 tỷ đồng)."""

from django import template

from common.money import format_vnd, format_vnd_short

register = template.Library()


@register.filter
def vnd(amount: int | None) -> str:
    return "—" if amount is None else format_vnd(amount)


@register.filter
def vnd_short(amount: int | None) -> str:
    return "—" if amount is None else format_vnd_short(amount)
