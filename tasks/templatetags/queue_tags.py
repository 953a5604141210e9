"""The officer's queues with their counts, for the navigation and the officer's home."""

from django import template

from tasks.queues import OFFICER_QUEUE_LABELS

register = template.Library()


@register.simple_tag(takes_context=True)
def officer_queues(context) -> list[tuple[str, str, int]]:
    """(name, label, count) of each officer queue; the counts come from the ``queues`` context
    processor (no query of its own)."""
    counts = context.get("queues") or {}
    return [(name, label, counts.get(name, 0)) for name, label in OFFICER_QUEUE_LABELS.items()]
