"""The communes section as of a day: a request's amounts are those it had on the day.

A request returned in Q3 and revised and approved in Q4 keeps, in the Q3 figures, the amount it
was filed with; a programme's total raised in Q4 keeps its Q3 total there.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communes import services
from communes.workflow import Action, Status
from reports.investments import communes_as_of
from tests.communes import builders
from tests.factories import home_province
from tests.reports.conftest import Q3_END, at

REVISED = [
    {"category": "computers", "description": "Máy tính", "quantity": 5, "unit_price": 18_000_000}
]


@pytest.fixture
def pleiku(commune_agency):
    return builders.commune(commune_agency, code=21583, name="Phường Pleiku")


@pytest.fixture
def act(commune_officer, reviewer, finance):
    """``act(request, action, **data)``: a workflow step taken by its proper persona."""
    actors = {Action.SUBMIT: commune_officer, Action.ALLOCATE: finance}

    def run(request, action, **data):
        user = actors.get(action, reviewer)
        return services.request_act(request=request, user=user, action=action, **data)

    return run


def figures(day: date) -> tuple[dict, dict, list]:
    """Totals, rows by status and programmes as of the end of ``day``."""
    communes = communes_as_of(home_province().pk, day)
    labels = {str(label): key for key, label in Status.choices}
    by_status = {labels[row["status"]]: row for row in communes["by_status"]}
    return communes["totals"], by_status, communes["programmes"]


def test_q3_figures_keep_the_amounts_of_the_quarter_end_after_a_revision_in_q4(
    pleiku, commune_officer, reviewer, agency_a, act
):
    with at(date(2025, 8, 5)):
        programme = builders.programme(agency_a)  # decided 05/08/2025, 1.000.000.000
    with at(date(2025, 8, 10)):
        funded = services.request_create(
            commune=pleiku,
            user=commune_officer,
            title="Máy tính cho bộ phận một cửa",
            justification="Trung tâm Phục vụ hành chính công",
            items=builders.ITEMS,
        )
        act(funded, Action.SUBMIT)
        act(funded, Action.START_REVIEW)
        act(funded, Action.APPROVE, approved_amount=200_000_000, reason="Giảm máy quét")
        act(
            funded,
            Action.ALLOCATE,
            programme=programme,
            amount=200_000_000,
            decision_number="2101/QĐ-UBND",
            decided_on=date(2025, 8, 10),
        )
    with at(date(2025, 9, 15)):
        returned = services.request_create(
            commune=pleiku,
            user=commune_officer,
            title="Mạng nội bộ",
            justification="Kết nối các phòng ban",
            items=builders.ITEMS,
        )
        act(returned, Action.SUBMIT)
        act(returned, Action.START_REVIEW)
        act(returned, Action.RETURN, reason="Bổ sung báo giá")

    with at(date(2025, 10, 1)):
        q3 = figures(Q3_END)
    totals, by_status, programmes = q3
    assert (totals["requests"], totals["requested"], totals["approved"]) == (
        2,
        2 * builders.REQUESTED,
        200_000_000,
    )
    assert (by_status[Status.RETURNED]["requested"], totals["allocated"]) == (
        builders.REQUESTED,
        200_000_000,
    )
    assert [(p["total"], p["remaining"]) for p in programmes] == [(1_000_000_000, 800_000_000)]

    # In Q4 the returned request is revised (a smaller amount), resubmitted and approved for
    # less again; the programme's total is raised in the admin.
    with at(date(2025, 10, 10)):
        services.request_update(
            request=returned,
            user=commune_officer,
            title="Mạng nội bộ",
            justification="Kết nối các phòng ban (đã bổ sung báo giá)",
            items=REVISED,
        )
        act(returned, Action.SUBMIT)
        act(returned, Action.START_REVIEW)
        act(returned, Action.APPROVE, approved_amount=80_000_000, reason="Giảm số máy")
        programme.total = 1_500_000_000
        programme.save()
    returned.refresh_from_db()
    assert (returned.requested_amount, returned.approved_amount) == (90_000_000, 80_000_000)

    with at(date(2025, 11, 5)):
        assert figures(Q3_END) == q3
        totals, by_status, programmes = figures(date(2025, 10, 31))
    assert (totals["requests"], totals["requested"], totals["approved"]) == (
        2,
        builders.REQUESTED + 90_000_000,
        200_000_000 + 80_000_000,
    )
    assert Status.RETURNED not in by_status
    approved = by_status[Status.APPROVED]
    assert (approved["requests"], approved["requested"]) == (1, 90_000_000)
    assert [(p["total"], p["remaining"]) for p in programmes] == [(1_500_000_000, 1_300_000_000)]
    assert returned.status == Status.APPROVED


def test_the_query_count_does_not_grow_with_the_requests(pleiku, commune_officer, act):
    def filed_on(day: date, count: int) -> None:
        with at(day):
            for n in range(count):
                request = services.request_create(
                    commune=pleiku,
                    user=commune_officer,
                    title=f"Đề xuất {day:%m}-{n}",
                    justification="Trung tâm Phục vụ hành chính công",
                    items=builders.ITEMS,
                )
                act(request, Action.SUBMIT)

    filed_on(date(2025, 8, 1), 1)
    filed_on(date(2025, 9, 1), 5)
    counts = []
    for day, expected in ((date(2025, 8, 31), 1), (Q3_END, 6)):
        with CaptureQueriesContext(connection) as queries:
            assert communes_as_of(home_province().pk, day)["totals"]["requests"] == expected
        counts.append(len(queries))
    assert counts[0] == counts[1]
