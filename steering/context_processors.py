from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from steering import authz


def capabilities(request) -> dict:
    """``can.<capability>`` for templates (menus only; the views check permissions themselves)."""
    held = authz.capabilities_of(request.user)
    return {"can": {capability: capability in held for capability in authz.Capability.values}}


def queue_counts(user) -> dict[str, int]:
    """The counts of every work queue the user has, one query per role they hold."""
    from communes import queues as commune_queues  # the apps import this project package
    from tasks import queues as task_queues

    C = authz.Capability
    counts: dict[str, int] = {}
    if authz.has(user, C.REPORT_PROGRESS) and authz.agency_id_of(user) is not None:
        counts |= task_queues.officer_counts(user, timezone.localdate())
    if authz.has(user, C.MANAGE_TASKS):
        counts |= task_queues.secretariat_counts(user)
    if authz.has(user, C.REVIEW_REQUESTS):
        counts |= commune_queues.reviewer_counts(user)
    if authz.has(user, C.HANDLE_MONEY):
        counts |= commune_queues.finance_counts(user)
    return counts


def queues(request) -> dict:
    """``queues.<name>``: the navigation's counts, counted when a template first reads one (once
    per request, after the view's own changes); nothing for anonymous users."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {"queues": SimpleLazyObject(lambda: queue_counts(user))}
