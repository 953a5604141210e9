"""Two finance officers allocate from the same programme at the same moment, each on its own
database connection: the programme's row lock lets exactly one through."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from communes import selectors, services
from communes.models import Allocation
from communes.workflow import Action
from tests.communes.conftest import REQUESTED, TO_APPROVED


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_allocations_cannot_exceed_the_programme(
    make_request, advance, finance, programme, ia_grai, ia_grai_officer
):
    assert connection.vendor == "postgresql"
    programme.total = REQUESTED + REQUESTED // 2  # room for one of the two, not both
    programme.save()
    first = advance(make_request(), *TO_APPROVED)
    second = make_request(commune=ia_grai, user=ia_grai_officer)
    services.request_act(request=second, user=ia_grai_officer, action=Action.SUBMIT)
    second = advance(second, Action.START_REVIEW, Action.APPROVE)

    barrier = threading.Barrier(2)
    outcomes = []

    def allocate(request):
        try:
            barrier.wait(timeout=10)
            services.allocation_create(
                request=request,
                user=finance,
                programme=programme,
                amount=REQUESTED,
                decision_number=f"{request.pk}/QĐ-UBND",
                decided_on=date(2025, 9, 1),
            )
            outcomes.append("allocated")
        except ValidationError as exc:
            outcomes.append(exc.message_dict["amount"][0])
        finally:
            connection.close()

    threads = [threading.Thread(target=allocate, args=(r,)) for r in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes, key=len)[0] == "allocated" and outcomes.count("allocated") == 1
    assert Allocation.objects.count() == 1
    assert selectors.programme_figures(programme).allocated <= programme.total
