"""The header and closing of the report templates, from reports.letterhead (their one source)."""

from django import template

from reports.letterhead import Letterhead, letterhead

register = template.Library()


@register.simple_tag
def letterhead_of(snapshot: dict) -> Letterhead:
    """``{% letterhead_of r as head %}``: the header and closing of the snapshot ``r``."""
    return letterhead(snapshot)
