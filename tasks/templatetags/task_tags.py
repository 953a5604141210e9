from django import template

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
