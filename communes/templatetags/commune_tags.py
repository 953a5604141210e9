"""Menu checks for templates, answered by ``communes.permissions``."""

from django import template

from communes import permissions

register = template.Library()

STATUS_BADGES = {
    "draft": "text-bg-light border",
    "submitted": "text-bg-info",
    "under_review": "text-bg-primary",
    "approved": "text-bg-success",
    "returned": "text-bg-warning",
    "rejected": "text-bg-danger",
    "allocated": "text-bg-success bg-opacity-75",
    "purchasing": "text-bg-secondary",
    "completed": "text-bg-dark",
}


@register.filter
def sees_communes(user) -> bool:
    return permissions.sees_communes(user)


@register.filter
def reviews_requests(user) -> bool:
    return permissions.reviews_requests(user)


@register.filter
def reads_all_communes(user) -> bool:
    return permissions.reads_all_communes(user)


@register.filter
def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "text-bg-secondary")
