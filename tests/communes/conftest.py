"""Communes, a programme and requests at each stage, built through the services as staff do.

``pleiku`` is the commune of the shared ``commune_officer`` persona; ``ia_grai`` has its own
officer, so access and denial can be checked side by side.
"""

from datetime import date

import pytest

from communes import services
from communes.models import Commune, FundingProgramme
from communes.workflow import Action
from steering.authz import Role
from steering.models import Agency
from tests.communes import builders
from tests.communes.builders import ITEMS
from tests.factories import AgencyFactory, make_user

REQUESTED = builders.REQUESTED


@pytest.fixture
def pleiku(commune_agency) -> Commune:
    return builders.commune(commune_agency, code=21583, name="Phường Pleiku")


@pytest.fixture
def ia_grai(db) -> Commune:
    agency = AgencyFactory(name="Ủy ban nhân dân xã Ia Grai", kind=Agency.Kind.COMMUNE)
    return builders.commune(agency, code=23000, name="Xã Ia Grai")


@pytest.fixture
def ia_grai_officer(committee, ia_grai):
    return make_user("ia_grai_officer", Role.COMMUNE_OFFICER, committee, ia_grai.agency)


@pytest.fixture
def programme(agency_a) -> FundingProgramme:
    return builders.programme(agency_a)


@pytest.fixture
def make_request(commune_officer, pleiku):
    """``make_request(commune=..., user=..., items=...)``: a draft filed through the service."""

    def make(commune=None, user=None, items=ITEMS, title="Trang bị máy tính"):
        return services.request_create(
            commune=commune or pleiku,
            user=user or commune_officer,
            title=title,
            justification="Phục vụ Trung tâm Phục vụ hành chính công",
            items=items,
        )

    return make


@pytest.fixture
def advance(commune_officer, reviewer, finance, programme):
    """``advance(request, *actions)``: each step taken by its proper persona."""
    actors = {
        Action.SUBMIT: commune_officer,
        Action.START_PURCHASING: commune_officer,
        Action.COMPLETE: commune_officer,
        Action.START_REVIEW: reviewer,
        Action.APPROVE: reviewer,
        Action.RETURN: reviewer,
        Action.REJECT: reviewer,
        Action.ALLOCATE: finance,
    }
    inputs = {
        Action.APPROVE: lambda r: {"approved_amount": r.requested_amount},
        Action.RETURN: lambda r: {"reason": "Bổ sung báo giá"},
        Action.REJECT: lambda r: {"reason": "Trùng nguồn vốn"},
        Action.ALLOCATE: lambda r: {
            "programme": programme,
            "amount": r.approved_amount,
            "decision_number": f"{r.pk}/QĐ-UBND",
            "decided_on": date(2025, 9, 1),
        },
        Action.COMPLETE: lambda r: {"acceptance_record": "Biên bản nghiệm thu số 1"},
    }

    def run(request, *actions):
        for action in actions:
            data = inputs.get(action, lambda r: {})(request)
            request = services.request_act(
                request=request, user=actors[action], action=action, **data
            )
        return request

    return run


TO_APPROVED = (Action.SUBMIT, Action.START_REVIEW, Action.APPROVE)
TO_ALLOCATED = (*TO_APPROVED, Action.ALLOCATE)
