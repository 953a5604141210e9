"""Who is told of each step of an investment request: the people of the next step (reviewers
once submitted, finance once approved) and the commune's officers, through
``notifications.services.notify``. The services of ``communes.services`` call it."""

from django.urls import reverse

from common.money import format_vnd
from communes.models import InvestmentRequest
from notifications import kinds
from notifications.services import notify
from steering import authz

# The steps told, and the capability of the next step's people in the request's province.
NEXT_STEP = {
    "submitted": authz.Capability.REVIEW_REQUESTS,
    "returned": None,
    "approved": authz.Capability.HANDLE_MONEY,
    "rejected": None,
    "allocated": None,
    "disbursed": None,
}


def request_step(
    request: InvestmentRequest,
    step: str,
    *,
    key: str,
    actor,
    amount: int | None = None,
    detail: str = "",
    **params: str,
) -> None:
    """Tell the request's ``step`` (a key of NEXT_STEP); ``key`` names the event (its log row,
    its payment) so the same step is never told twice."""
    commune = request.commune
    users = list(authz.holders(authz.Capability.FILE_REQUESTS, agency_id=commune.agency_id))
    if (capability := NEXT_STEP[step]) is not None:
        users += authz.holders(capability, committee_id=commune.committee_id)
    notify(
        [u for u in users if u.pk != actor.pk],
        kinds.REQUEST_STEP,
        key=f"request_step:{request.pk}:{key}",
        url=reverse("communes:request_detail", args=[request.pk]),
        params={
            "commune": commune.name,
            "request": request.title,
            "step": step,
            "amount": format_vnd(amount) if amount is not None else "",
            "detail": detail,
            **params,
        },
    )
