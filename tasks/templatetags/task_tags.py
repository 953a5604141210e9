from django import template
from django.utils.html import format_html

from steering.templatetags.icons import icon
from tasks.selectors import DESCENDING_SORTS, parse_sort
from tasks.status import CATEGORY_COLORS, Category

register = template.Library()


@register.filter
def category_style(category: str) -> str:
    """The badge colours of a timeliness category (one palette: tasks.status.CATEGORY_COLORS)."""
    colour = CATEGORY_COLORS.get(category, CATEGORY_COLORS[Category.NOT_STARTED_ON_TIME])
    return f"background-color: {colour}; color: #fff"


@register.filter
def category_label(category: str) -> str:
    return Category(category).label if category in Category.values else category


@register.simple_tag
def sort_header(param: str, column: str, label: str, current: str, css: str = "") -> str:
    """A sortable column heading: its link sorts by ``column``, or the other way round when the
    table is already sorted by it; an arrow and ``aria-sort`` say which way it is sorted."""
    sorted_by, flipped = parse_sort(current, {column}, default="")
    if sorted_by != column:
        return format_html(
            '<th scope="col" class="{}"><a href="?{}={}">{}</a></th>', css, param, column, label
        )
    descending = (column in DESCENDING_SORTS) != flipped
    return format_html(
        '<th scope="col" class="{}" aria-sort="{}">'
        '<a href="?{}={}" aria-current="true">{} {}</a></th>',
        css,
        "descending" if descending else "ascending",
        param,
        column if flipped else f"-{column}",
        label,
        icon("arrow-down" if descending else "arrow-up"),
    )
