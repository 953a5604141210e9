"""The issue's headline bug: a finance officer of province A (Gia Lai) allocating the money of
province B's (Đắk Lắk's) programme to a commune of A. Refused on the page, in the API and in
the service itself, on the "programme" field; nothing is allocated and B's programme stays
as it was, in B's own finance officer's eyes too."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from communes import services
from communes.models import Allocation, FundingProgramme
from communes.selectors import programme_figures
from communes.workflow import Status


@pytest.fixture
def a_request(world):
    return world.tenants["A"].obj["request_approved"]


@pytest.fixture
def b_programme(world):
    return world.tenants["B"].obj["programme"]


def _snapshot(programme: FundingProgramme) -> tuple:
    programme = FundingProgramme.objects.get(pk=programme.pk)
    return (
        programme.name,
        programme.total,
        programme.committee_id,
        programme_figures(programme),
        sorted(Allocation.objects.filter(programme=programme).values_list("id", "amount")),
        programme.history.count(),
    )


def _nothing_allocated(investment, programme, before) -> None:
    investment.refresh_from_db()
    assert investment.status == Status.APPROVED
    assert not Allocation.objects.filter(request=investment).exists()
    assert _snapshot(programme) == before


def _page_data(programme, amount) -> dict:
    return {
        "allocate-programme": programme.pk,
        "allocate-amount": str(amount),
        "allocate-decision_number": "2001/QĐ-UBND",
        "allocate-decided_on": "01/09/2025",
    }


def _api_data(programme, amount) -> dict:
    return {
        "action": "allocate",
        "programme": programme.pk,
        "amount": amount,
        "decision_number": "2001/QĐ-UBND",
        "decided_on": "2025-09-01",
    }


def test_the_allocate_form_offers_only_the_own_province_s_programmes(world, db, client, a_request):
    client.force_login(world.personas["finance"])
    response = client.get(reverse("communes:request_detail", args=[a_request.pk]))
    assert response.status_code == 200
    (form,) = [f for t, f in response.context["action_forms"] if t.action == "allocate"]
    assert list(form.fields["programme"].queryset) == [world.tenants["A"].obj["programme"]]
    assert world.tenants["B"].marker("programme") not in response.content.decode()


def test_the_page_refuses_province_b_s_programme(world, db, client, a_request, b_programme):
    before = _snapshot(b_programme)
    client.force_login(world.personas["finance"])
    url = reverse("communes:request_act", args=[a_request.pk, "allocate"])
    response = client.post(url, _page_data(b_programme, a_request.approved_amount))
    assert response.status_code == 400
    (form,) = [f for t, f in response.context["action_forms"] if t.action == "allocate"]
    assert list(form.errors) == ["programme"]
    _nothing_allocated(a_request, b_programme, before)

    # B's finance officer still sees the programme, unchanged.
    client.force_login(world.tenants["B"].users["finance"])
    detail = client.get(reverse("communes:programme_detail", args=[b_programme.pk]))
    assert detail.status_code == 200
    assert detail.context["figures"] == before[3]
    listed = client.get(reverse("communes:programme_list"))
    assert b_programme in [p for p, _ in listed.context["programmes"]]


def test_the_page_accepts_the_own_province_s_programme(world, db, client, a_request):
    """The control: the same form with A's programme allocates."""
    client.force_login(world.personas["finance"])
    programme = world.tenants["A"].obj["programme"]
    url = reverse("communes:request_act", args=[a_request.pk, "allocate"])
    response = client.post(url, _page_data(programme, a_request.approved_amount))
    assert response.status_code == 302
    assert Allocation.objects.get(request=a_request).programme == programme


def test_the_api_refuses_province_b_s_programme(world, db, client, a_request, b_programme):
    before = _snapshot(b_programme)
    client.force_login(world.personas["finance"])
    url = reverse("api_commune_request_transition", args=[a_request.pk])
    data = _api_data(b_programme, a_request.approved_amount)
    response = client.post(url, data, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["programme"]
    _nothing_allocated(a_request, b_programme, before)

    own = _api_data(world.tenants["A"].obj["programme"], a_request.approved_amount)
    assert client.post(url, own, content_type="application/json").status_code == 200


def test_the_service_refuses_province_b_s_programme(world, db, a_request, b_programme):
    before = _snapshot(b_programme)
    with pytest.raises(ValidationError) as refused:
        services.allocation_create(
            request=a_request,
            user=world.personas["finance"],
            programme=b_programme,
            amount=a_request.approved_amount,
            decision_number="2001/QĐ-UBND",
            decided_on=date(2025, 9, 1),
        )
    assert list(refused.value.error_dict) == ["programme"]
    _nothing_allocated(a_request, b_programme, before)


def test_province_b_s_finance_cannot_touch_a_s_request(world, db, client, a_request, b_programme):
    """Nor the other way round: B's finance officer does not even find A's request."""
    client.force_login(world.tenants["B"].users["finance"])
    page = reverse("communes:request_act", args=[a_request.pk, "allocate"])
    assert client.post(page, _page_data(b_programme, 1)).status_code == 404
    api = reverse("api_commune_request_transition", args=[a_request.pk])
    data = _api_data(b_programme, 1)
    assert client.post(api, data, content_type="application/json").status_code == 404
    a_request.refresh_from_db()
    assert a_request.status == Status.APPROVED
