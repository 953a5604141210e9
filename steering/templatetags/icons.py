"""``{% icon "paperclip" %}``: an icon of the vendored Bootstrap Icons sprite (no emoji, whose
glyphs are missing where no emoji font is installed), decorative unless given a label."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

SPRITE = "vendor/bootstrap-icons/icons.svg"


@register.simple_tag
def icon(name: str, label: str = "") -> str:
    if label:
        accessible = format_html('role="img" aria-label="{}"', label)
    else:
        accessible = mark_safe('aria-hidden="true" focusable="false"')
    return format_html(
        '<svg class="icon" width="1em" height="1em" fill="currentColor" {}>'
        '<use href="{}#{}"></use></svg>',
        accessible,
        static(SPRITE),
        name,
    )
