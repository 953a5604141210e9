"""The communes section of a report: investment requests and their money, as of a day.

Read-only. A request's status on the day is its last workflow step recorded by then; money
counts by its own dates (allocation decided on, disbursement paid on, programme decided on).
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db.models import Sum
from django.utils import timezone

from communes.models import (
    Allocation,
    Disbursement,
    FundingProgramme,
    InvestmentRequest,
    TransitionLog,
)
from communes.workflow import Status

APPROVED_OR_LATER = (Status.APPROVED, Status.ALLOCATED, Status.PURCHASING, Status.COMPLETED)


def _statuses_on(province_code: int, day: date) -> dict[int, str]:
    """Each request's status at the end of ``day`` (requests still drafts are left out)."""
    cutoff = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    steps = (
        TransitionLog.objects.filter(
            at__lt=cutoff,
            request__created_at__lt=cutoff,
            request__commune__province_code=province_code,
        )
        .order_by("request_id", "at", "id")
        .values_list("request_id", "to_status")
    )
    statuses = dict(steps.iterator(chunk_size=5000))  # the last step of each request wins
    return {pk: status for pk, status in statuses.items() if status != Status.DRAFT}


def communes_as_of(province_code: int, day: date) -> dict | None:
    """The province's communes: requests, approved, allocated and disbursed amounts by status,
    by commune and by programme; None when none of them had filed a request by ``day``."""
    statuses = _statuses_on(province_code, day)
    if not statuses:
        return None
    requests = InvestmentRequest.objects.filter(pk__in=statuses).values_list(
        "pk", "commune__name", "requested_amount", "approved_amount"
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
    for pk, commune, requested, approved in requests.iterator(chunk_size=5000):
        status = statuses[pk]
        approved = (approved or 0) if status in APPROVED_OR_LATER else 0
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
    """The programmes funding these requests, decided by ``day``: total, allocated (to any
    commune), disbursed, remaining."""
    programmes = (
        FundingProgramme.objects.filter(
            decision_date__lte=day, allocations__request_id__in=request_ids
        )
        .distinct()
        .order_by("decision_date", "id")
        .values("pk", "name", "decision_number", "total")
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
            "total": row["total"],
            "allocated": allocated.get(row["pk"], 0),
            "disbursed": disbursed.get(row["pk"], 0),
            "remaining": row["total"] - allocated.get(row["pk"], 0),
        }
        for row in programmes
    ]
