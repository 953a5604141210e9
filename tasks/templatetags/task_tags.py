from django import template

from tasks.status import Category

register = template.Library()

BADGES = {
    Category.COMPLETED_ON_TIME: "text-bg-success",
    Category.COMPLETED_LATE: "text-bg-success bg-opacity-75",
    Category.IN_PROGRESS_ON_TIME: "text-bg-primary",
    Category.IN_PROGRESS_OVERDUE: "text-bg-warning",
    Category.NOT_STARTED_ON_TIME: "text-bg-secondary",
    Category.NOT_STARTED_OVERDUE: "text-bg-danger",
    Category.NO_DEADLINE: "text-bg-info",
    Category.CANCELLED: "text-bg-light border",
}


@register.filter
def category_badge(category: str) -> str:
    """The Bootstrap badge class for a timeliness category."""
    return BADGES.get(category, "text-bg-secondary")


@register.filter
def category_label(category: str) -> str:
    return Category(category).label if category in Category.values else category
