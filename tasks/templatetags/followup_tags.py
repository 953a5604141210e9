"""The task page's follow-up: urges and extension requests on its timeline, and the forms to
urge an agency or to ask for more time. Tags, so the task page and its htmx panel (which
renders the timeline again) both get them."""

from itertools import chain

from django import template

from steering import authz
from tasks.forms import ExtensionForm, UrgeForm
from tasks.models import Assignment, Extension, Urge
from tasks.status import OPEN_STATUSES

register = template.Library()

SHOWN = 50  # urges and extension requests shown on a timeline


@register.simple_tag(takes_context=True)
def timeline_entries(context, updates, task_id) -> list[tuple[str, object]]:
    """The progress log merged with the urges and extension requests the reader sees, newest
    first, as (kind, entry) pairs: "update", "urge" or "extension"."""
    user = context["request"].user
    urges = (
        Urge.objects.restrict(user)
        .filter(assignment__task_id=task_id)
        .select_related("assignment__agency", "author")[:SHOWN]
    )
    extensions = (
        Extension.objects.restrict(user)
        .filter(assignment__task_id=task_id)
        .select_related("assignment__agency", "requested_by", "decided_by")[:SHOWN]
    )
    entries = chain(
        ((u.created_at, "update", u) for u in updates),
        ((u.created_at, "urge", u) for u in urges),
        ((e.requested_at, "extension", e) for e in extensions),
    )
    return [(kind, entry) for _, kind, entry in sorted(entries, key=lambda e: e[0], reverse=True)]


@register.inclusion_tag("tasks/partials/followup_forms.html", takes_context=True)
def followup_forms(context, task):
    """The forms to urge an agency on this task (secretariat) and to ask for a later deadline
    (the agency's officers)."""
    user = context["request"].user
    urge_form = None
    if authz.has(user, authz.Capability.MANAGE_TASKS):
        urge_form = UrgeForm(task=task, user=user)
    extendable = (
        Assignment.objects.restrict(user, "extend")
        .filter(task=task, status__in=OPEN_STATUSES)
        .select_related("agency", "task")
    )
    return {
        "csrf_token": context.get("csrf_token"),
        "task": task,
        "urge_form": urge_form if urge_form and urge_form.fields["assignment"].queryset else None,
        "extendable": [a for a in extendable if a.deadline is not None],
        "extension_form": ExtensionForm(),
    }


@register.simple_tag
def extended_ids(task) -> set[int]:
    """The ids of the task's assignments whose deadline an extension moved."""
    return set(
        Extension.objects.filter(
            assignment__task=task, status=Extension.Status.GRANTED
        ).values_list("assignment_id", flat=True)
    )
