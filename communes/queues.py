"""Work queues of the communes' requests: the reviewer's, and finance's (to allocate, to pay).

Each queue is defined once, as a filter on the requests the user sees: its page lists them and
the navigation counts them, all of a role's counts in one query (conditional aggregation).
"""

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from communes.models import Disbursement, InvestmentRequest
from communes.workflow import AWAITING_REVIEW, DISBURSABLE, Status


def with_disbursed(requests: QuerySet) -> QuerySet:
    """Annotate ``disbursed``: the VND paid out of each request's allocation so far."""
    paid = (
        Disbursement.objects.filter(allocation__request=OuterRef("pk"))
        .order_by()
        .values("allocation__request")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return requests.annotate(
        disbursed=Coalesce(Subquery(paid), Value(0), output_field=IntegerField())
    )


REVIEW = Q(status__in=AWAITING_REVIEW)
TO_ALLOCATE = Q(status=Status.APPROVED)
# Allocated and not yet paid out in full (the final payment follows the acceptance record).
TO_DISBURSE = Q(status__in=DISBURSABLE, allocation__amount__gt=F("disbursed"))


def review_requests(user) -> QuerySet:
    """Requests waiting for the reviewer, oldest first."""
    return (
        InvestmentRequest.objects.restrict(user)
        .filter(REVIEW)
        .select_related("commune")
        .order_by("updated_at", "id")
    )


def reviewer_counts(user) -> dict[str, int]:
    return InvestmentRequest.objects.restrict(user).aggregate(review=Count("pk", filter=REVIEW))


def finance_requests(user) -> QuerySet:
    """The requests finance may have work on, with what their allocation has paid out."""
    return with_disbursed(
        InvestmentRequest.objects.restrict(user).filter(status__in={Status.APPROVED, *DISBURSABLE})
    )


def finance_counts(user) -> dict[str, int]:
    return finance_requests(user).aggregate(
        allocate=Count("pk", filter=TO_ALLOCATE), disburse=Count("pk", filter=TO_DISBURSE)
    )
