from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from communes import selectors, services
from communes.models import Allocation, Disbursement, InvestmentRequest
from communes.workflow import Action, Status
from tests.communes.conftest import REQUESTED, TO_ALLOCATED, TO_APPROVED


def allocate(request, user, programme, amount):
    return services.allocation_create(
        request=request,
        user=user,
        programme=programme,
        amount=amount,
        decision_number="99/QĐ-UBND",
        decided_on=date(2025, 9, 1),
    )


def test_allocations_never_exceed_the_programmes_total(
    make_request, advance, finance, programme, ia_grai, ia_grai_officer, reviewer
):
    programme.total = 300_000_000
    programme.save()
    first = advance(make_request(), *TO_ALLOCATED)
    second = make_request(commune=ia_grai, user=ia_grai_officer)
    services.request_act(request=second, user=ia_grai_officer, action=Action.SUBMIT)
    advance(second, Action.START_REVIEW, Action.APPROVE)

    with pytest.raises(ValidationError) as error:
        allocate(second, finance, programme, REQUESTED)
    assert "70.000.000" in error.value.message_dict["amount"][0]  # what is left
    second.refresh_from_db()
    assert second.status == Status.APPROVED and Allocation.objects.count() == 1

    allocate(second, finance, programme, 70_000_000)
    figures = selectors.programme_figures(programme)
    assert figures.allocated == first.allocation.amount + 70_000_000 == programme.total
    assert figures.remaining == 0


def test_an_allocation_cannot_exceed_the_approved_amount_nor_be_zero(
    make_request, advance, finance, programme
):
    investment = advance(make_request(), *TO_APPROVED)
    for amount in (REQUESTED + 1, 0, -10):
        with pytest.raises(ValidationError) as error:
            allocate(investment, finance, programme, amount)
        assert "amount" in error.value.message_dict
    assert not Allocation.objects.exists()


def test_disbursements_never_exceed_their_allocation(make_request, advance, finance):
    investment = advance(make_request(), *TO_ALLOCATED)
    allocation = investment.allocation
    pay = {"allocation": allocation, "user": finance, "paid_on": date(2025, 9, 20)}
    services.disbursement_create(**pay, amount=100_000_000, reference="UNC-1")
    with pytest.raises(ValidationError) as error:
        services.disbursement_create(**pay, amount=REQUESTED, reference="UNC-2")
    assert "130.000.000" in error.value.message_dict["amount"][0]
    services.disbursement_create(**pay, amount=130_000_000, reference="UNC-2")
    assert selectors.allocation_disbursed(allocation) == allocation.amount


def test_only_finance_records_payments(make_request, advance, commune_officer, reviewer):
    allocation = advance(make_request(), *TO_ALLOCATED).allocation
    for user in (commune_officer, reviewer):
        with pytest.raises(PermissionDenied):
            services.disbursement_create(
                allocation=allocation,
                user=user,
                amount=1,
                paid_on=date(2025, 9, 2),
                reference="x",
            )
    assert not Disbursement.objects.exists()


def test_programme_figures_and_commune_sums_add_up_to_the_rows(
    make_request, advance, finance, programme, pleiku
):
    allocated = advance(make_request(), *TO_ALLOCATED)
    advance(make_request(title="Camera"), *TO_APPROVED)
    make_request(title="Nháp")
    services.disbursement_create(
        allocation=allocated.allocation,
        user=finance,
        amount=50_000_000,
        paid_on=date(2025, 9, 5),
        reference="UNC-9",
    )
    figures = selectors.programme_figures(programme)
    assert (figures.total, figures.allocated, figures.disbursed) == (
        1_000_000_000,
        REQUESTED,
        50_000_000,
    )
    assert figures.remaining == 1_000_000_000 - REQUESTED
    commune = selectors.with_money(type(pleiku).objects.filter(pk=pleiku.pk)).get()
    assert (commune.requested, commune.approved, commune.allocated, commune.disbursed) == (
        2 * REQUESTED,
        2 * REQUESTED,
        REQUESTED,
        50_000_000,
    )
    assert selectors.programme_by_commune(programme, communes=type(pleiku).objects.all()) == [
        {"id": pleiku.pk, "name": "Phường Pleiku", "allocated": REQUESTED, "disbursed": 50_000_000}
    ]


def test_allocations_and_payments_keep_their_history(make_request, advance, finance):
    allocation = advance(make_request(), *TO_ALLOCATED).allocation
    payment = services.disbursement_create(
        allocation=allocation,
        user=finance,
        amount=1_000_000,
        paid_on=date(2025, 9, 5),
        reference="UNC-1",
    )
    assert allocation.history.get().history_user == finance
    assert payment.history.get().history_user == finance
    assert (
        InvestmentRequest.history.filter(id=allocation.request_id).count() == 5
    )  # filed + 4 steps
