"""Badges of request statuses."""

from django import template

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
def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "text-bg-secondary")
