"""Reads of the communes' money: sums per commune and per programme, computed in the database."""

from dataclasses import dataclass

from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from communes.models import Allocation, Commune, Disbursement, FundingProgramme, InvestmentRequest
from communes.workflow import Status

# Requests that count as "requested": filed and not turned down.
FILED = [s for s in Status.values if s not in (Status.DRAFT, Status.REJECTED)]


def _sum(queryset: QuerySet, group: str, field: str) -> Coalesce:
    """The sum of ``field`` over ``queryset`` rows whose ``group`` is the outer commune."""
    total = (
        queryset.filter(**{group: OuterRef("pk")})
        .order_by()
        .values(group)
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(total), Value(0), output_field=IntegerField())


def with_money(communes: QuerySet[Commune]) -> QuerySet[Commune]:
    """Annotate requested, approved, allocated and disbursed VND per commune (one query)."""
    requests = InvestmentRequest.objects.filter(status__in=FILED)
    return communes.annotate(
        requested=_sum(requests, "commune", "requested_amount"),
        approved=_sum(requests, "commune", "approved_amount"),
        allocated=_sum(Allocation.objects.all(), "request__commune", "amount"),
        disbursed=_sum(Disbursement.objects.all(), "allocation__request__commune", "amount"),
    )


def programme_allocated(programme: FundingProgramme) -> int:
    return programme.allocations.aggregate(s=Sum("amount"))["s"] or 0


def allocation_disbursed(allocation: Allocation) -> int:
    return allocation.disbursements.aggregate(s=Sum("amount"))["s"] or 0


@dataclass(frozen=True)
class Figures:
    total: int
    allocated: int
    disbursed: int

    @property
    def remaining(self) -> int:
        return self.total - self.allocated

    @property
    def undisbursed(self) -> int:
        return self.allocated - self.disbursed


def programme_figures(programme: FundingProgramme) -> Figures:
    allocated = programme_allocated(programme)
    disbursed = (
        Disbursement.objects.filter(allocation__programme=programme).aggregate(s=Sum("amount"))["s"]
        or 0
    )
    return Figures(programme.total, allocated, disbursed)


def programme_by_commune(programme: FundingProgramme, communes: QuerySet[Commune]) -> list[dict]:
    """Per commune (of ``communes``) funded by the programme: allocated and disbursed VND,
    largest first."""
    allocations = Allocation.objects.filter(programme=programme)
    return list(
        communes.filter(requests__allocation__programme=programme)
        .distinct()
        .annotate(
            allocated=_sum(allocations, "request__commune", "amount"),
            disbursed=_sum(
                Disbursement.objects.filter(allocation__programme=programme),
                "allocation__request__commune",
                "amount",
            ),
        )
        .order_by("-allocated", "name")
        .values("id", "name", "allocated", "disbursed")
    )
