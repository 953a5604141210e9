"""The communes section of a report: investment requests and their money, as of a day.

Read-only. A request's status on the day is its last workflow step recorded by then; its
requested and approved amounts, and a programme's total, are those of its last history row
recorded by then (a request returned and revised later keeps, in this report, the amounts it had);
money counts by its own dates (allocation decided on, disbursement paid on, programme decided on).
"""

from collections import defaultdict
from datetime import date, datetime

from django.db.models import F, Model, OuterRef, QuerySet, Subquery, Sum

from communes.models import (
    Allocation,
    Disbursement,
    FundingProgramme,
    InvestmentRequest,
    TransitionLog,
)
from communes.workflow import Status
from tasks.rules import end_of

APPROVED_OR_LATER = (Status.APPROVED, Status.ALLOCATED, Status.PURCHASING, Status.COMPLETED)


def _as_recorded(rows: QuerySet, model: type[Model], cutoff: datetime, *fields: str) -> QuerySet:
    """``rows`` annotated with ``fields`` as they stood in the last history row recorded before
    ``cutoff`` (``<field>_then``), and that row's id (``recorded_then``, None without one).

    One correlated subquery per field, the same on PostgreSQL and SQLite: the query count does
    not grow with the rows.
    """
    latest = (
        model.history.filter(id=OuterRef("pk"), history_date__lt=cutoff)
        .order_by("-history_date", "-history_id")
        .values
    )
    return rows.annotate(
        recorded_then=Subquery(latest("history_id")[:1]),
        **{f"{field}_then": Subquery(latest(field)[:1]) for field in fields},
    )


def _then(row: dict, field: str):
    """The field as recorded by the cut-off; today's value when the row has no history by then
    (data written without history, such as bulk-loaded or back-dated seed data)."""
    return row[f"{field}_then"] if row["recorded_then"] is not None else row[field]


def _statuses_on(committee_id: int, day: date) -> dict[int, str]:
    """Each request's status at the end of ``day`` (requests still drafts are left out)."""
    cutoff = end_of(day)
    steps = (
        TransitionLog.objects.filter(
            at__lt=cutoff,
            request__created_at__lt=cutoff,
            request__commune__committee_id=committee_id,
        )
        .order_by("request_id", "at", "id")
        .values_list("request_id", "to_status")
    )
    statuses = dict(steps.iterator(chunk_size=5000))  # the last step of each request wins
    return {pk: status for pk, status in statuses.items() if status != Status.DRAFT}


def communes_as_of(committee_id: int, day: date) -> dict | None:
    """The communes of the committee (a province's): requests, approved, allocated and
    disbursed amounts by status, by commune and by programme; None when none of them had filed a
    request by ``day``."""
    statuses = _statuses_on(committee_id, day)
    if not statuses:
        return None
    amounts = ("requested_amount", "approved_amount")
    requests = _as_recorded(
        InvestmentRequest.objects.filter(pk__in=statuses).order_by(),
        InvestmentRequest,
        end_of(day),
        *amounts,
    ).values(
        "pk",
        "recorded_then",
        *amounts,
        *(f"{field}_then" for field in amounts),
        commune_name=F("commune__name"),
    )
    allocated = dict(
        Allocation.objects.filter(decided_on__lte=day, request_id__in=statuses)
        .order_by()
        .values_list("request_id")
        .annotate(total=Sum("amount"))
    )
    disbursed = dict(
        Disbursement.objects.filter(paid_on__lte=day, allocation__request_id__in=statuses)
        .order_by()
        .values_list("allocation__request_id")
        .annotate(total=Sum("amount"))
    )
    by_status: dict[str, dict] = {}
    by_commune: dict[str, dict] = defaultdict(
        lambda: {"requests": 0, "requested": 0, "approved": 0, "allocated": 0, "disbursed": 0}
    )
    for request in requests.iterator(chunk_size=5000):
        pk, commune = request["pk"], request["commune_name"]
        status = statuses[pk]
        requested = _then(request, "requested_amount")
        approved = (_then(request, "approved_amount") or 0) if status in APPROVED_OR_LATER else 0
        row = by_status.setdefault(status, {"requests": 0, "requested": 0})
        row["requests"] += 1
        row["requested"] += requested
        line = by_commune[commune]
        line["requests"] += 1
        line["requested"] += requested
        line["approved"] += approved
        line["allocated"] += allocated.get(pk, 0)
        line["disbursed"] += disbursed.get(pk, 0)
    labels = dict(Status.choices)
    status_rows = [
        {"status": str(labels[key]), **by_status[key]} for key in Status.values if key in by_status
    ]
    commune_rows = [{"commune": name, **row} for name, row in sorted(by_commune.items())]
    totals = {
        key: sum(row[key] for row in commune_rows)
        for key in ("requests", "requested", "approved", "allocated", "disbursed")
    }
    totals["communes"] = len(commune_rows)
    return {
        "totals": totals,
        "by_status": status_rows,
        "by_commune": commune_rows,
        "programmes": programmes_as_of(list(statuses), day),
    }


def programmes_as_of(request_ids: list[int], day: date) -> list[dict]:
    """The programmes funding these requests, decided by ``day``: total (as recorded by the end
    of ``day``), allocated (to any commune), disbursed, remaining."""
    funding = FundingProgramme.objects.filter(
        decision_date__lte=day, allocations__request_id__in=request_ids
    ).values("pk")
    programmes = (
        _as_recorded(
            FundingProgramme.objects.filter(pk__in=funding), FundingProgramme, end_of(day), "total"
        )
        .order_by("decision_date", "id")
        .values("pk", "name", "decision_number", "total", "recorded_then", "total_then")
    )
    allocated = dict(
        Allocation.objects.filter(decided_on__lte=day)
        .order_by()
        .values_list("programme_id")
        .annotate(total=Sum("amount"))
    )
    disbursed = dict(
        Disbursement.objects.filter(paid_on__lte=day)
        .order_by()
        .values_list("allocation__programme_id")
        .annotate(total=Sum("amount"))
    )
    return [
        {
            "name": row["name"],
            "decision_number": row["decision_number"],
            "total": _then(row, "total"),
            "allocated": allocated.get(row["pk"], 0),
            "disbursed": disbursed.get(row["pk"], 0),
            "remaining": _then(row, "total") - allocated.get(row["pk"], 0),
        }
        for row in programmes
    ]
