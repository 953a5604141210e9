"""The review workflow of an investment request, defined once.

Services check every step against ``TRANSITIONS``; pages and the API offer the steps
``steering.authz.request_actions`` returns (one button each), and ``may_act`` decides from a
step's ``actor`` who may take it.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for revision")
    REJECTED = "rejected", _("Rejected")
    ALLOCATED = "allocated", _("Funds allocated")
    PURCHASING = "purchasing", _("Purchasing")
    COMPLETED = "completed", _("Completed")


class Action(models.TextChoices):
    SUBMIT = "submit", _("Submit")
    START_REVIEW = "start_review", _("Start review")
    APPROVE = "approve", _("Approve")
    RETURN = "return", _("Return for revision")
    REJECT = "reject", _("Reject")
    ALLOCATE = "allocate", _("Allocate funds")
    START_PURCHASING = "start_purchasing", _("Start purchasing")
    COMPLETE = "complete", _("Record completion")


class Actor(models.TextChoices):
    COMMUNE = "commune", _("the commune's officer")
    REVIEWER = "reviewer", _("the reviewer (Department of Science and Technology)")
    FINANCE = "finance", _("finance")


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[Status]
    target: Status
    actor: Actor
    button: str = "btn-primary"  # Bootstrap class of its button


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition(
            Action.SUBMIT,
            frozenset({Status.DRAFT, Status.RETURNED}),
            Status.SUBMITTED,
            Actor.COMMUNE,
        ),
        Transition(
            Action.START_REVIEW, frozenset({Status.SUBMITTED}), Status.UNDER_REVIEW, Actor.REVIEWER
        ),
        Transition(
            Action.APPROVE,
            frozenset({Status.UNDER_REVIEW}),
            Status.APPROVED,
            Actor.REVIEWER,
            "btn-success",
        ),
        Transition(
            Action.RETURN,
            frozenset({Status.UNDER_REVIEW}),
            Status.RETURNED,
            Actor.REVIEWER,
            "btn-outline-warning",
        ),
        Transition(
            Action.REJECT,
            frozenset({Status.UNDER_REVIEW}),
            Status.REJECTED,
            Actor.REVIEWER,
            "btn-outline-danger",
        ),
        Transition(Action.ALLOCATE, frozenset({Status.APPROVED}), Status.ALLOCATED, Actor.FINANCE),
        Transition(
            Action.START_PURCHASING,
            frozenset({Status.ALLOCATED}),
            Status.PURCHASING,
            Actor.COMMUNE,
        ),
        Transition(
            Action.COMPLETE,
            frozenset({Status.PURCHASING}),
            Status.COMPLETED,
            Actor.COMMUNE,
            "btn-success",
        ),
    ]
}

# What each step takes besides the request (the web form and the API ask for the same).
INPUTS: dict[str, tuple[str, ...]] = {
    Action.APPROVE: ("approved_amount", "reason"),
    Action.RETURN: ("reason",),
    Action.REJECT: ("reason",),
    Action.ALLOCATE: ("programme", "amount", "decision_number", "decided_on"),
    Action.COMPLETE: ("acceptance_record",),
}

# Statuses in which the commune may still edit its request.
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})
# Statuses in which finance may pay out the allocation (the final payment follows acceptance).
DISBURSABLE = frozenset({Status.ALLOCATED, Status.PURCHASING, Status.COMPLETED})
# Statuses waiting for the reviewer.
AWAITING_REVIEW = frozenset({Status.SUBMITTED, Status.UNDER_REVIEW})
