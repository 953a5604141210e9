from django.urls import reverse
from rest_framework.test import APIClient

from communes.models import InvestmentRequest
from communes.workflow import Action, Status
from tests.communes.conftest import REQUESTED, TO_APPROVED


def api(user=None) -> APIClient:
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


def transition(user, investment, **data):
    url = reverse("api_commune_request_transition", args=[investment.pk])
    return api(user).post(url, data, format="json")


def test_api_lists_only_the_requests_the_user_may_see(
    make_request,
    advance,
    reviewer,
    ia_grai,
    ia_grai_officer,
    commune_officer,
    django_assert_max_num_queries,
):
    submitted = advance(make_request(), Action.SUBMIT)
    draft = make_request(title="Nháp")
    other = make_request(commune=ia_grai, user=ia_grai_officer, title="Của xã khác")
    url = reverse("api_commune_request_list")
    with django_assert_max_num_queries(6):
        for_reviewer = api(reviewer).get(url)
    assert [r["id"] for r in for_reviewer.data["results"]] == [submitted.pk]
    own = api(commune_officer).get(url).data["results"]
    assert {r["id"] for r in own} == {submitted.pk, draft.pk}
    assert other.pk not in {r["id"] for r in own}
    assert api().get(url).status_code in (401, 403)
    detail = api(ia_grai_officer).get(reverse("api_commune_request_detail", args=[draft.pk]))
    assert detail.status_code == 404


def test_api_detail_shows_items_and_the_workflow_log(make_request, advance, reviewer):
    investment = advance(make_request(), Action.SUBMIT)
    data = api(reviewer).get(reverse("api_commune_request_detail", args=[investment.pk])).data
    assert data["requested_amount"] == REQUESTED
    assert [i["amount"] for i in data["items"]] == [180_000_000, 50_000_000]
    assert data["transitions"][0]["user"] == "commune_officer"


def test_api_transitions_use_the_same_rules_and_answer_400_or_403(
    make_request, advance, reviewer, finance, programme
):
    investment = advance(make_request(), Action.SUBMIT, Action.START_REVIEW)
    lower = transition(reviewer, investment, action="approve", approved_amount=100_000_000)
    assert lower.status_code == 400 and "reason" in lower.data
    assert transition(reviewer, investment, action="fly").status_code == 400
    assert transition(finance, investment, action="approve", approved_amount=1).status_code == 403
    investment.refresh_from_db()
    assert investment.status == Status.UNDER_REVIEW

    ok = transition(
        reviewer, investment, action="approve", approved_amount=100_000_000, reason="Định mức"
    )
    assert ok.status_code == 200 and ok.data["status"] == "approved"
    too_much = transition(
        finance,
        investment,
        action="allocate",
        programme=programme.pk,
        amount=REQUESTED,
        decision_number="1/QĐ",
        decided_on="2025-09-01",
    )
    assert too_much.status_code == 400 and "amount" in too_much.data
    missing = transition(finance, investment, action="allocate")
    assert missing.status_code == 400 and {"programme", "amount", "decided_on"} <= set(missing.data)
    allocated = transition(
        finance,
        investment,
        action="allocate",
        programme=programme.pk,
        amount=100_000_000,
        decision_number="1/QĐ",
        decided_on="2025-09-01",
    )
    assert allocated.status_code == 200 and allocated.data["allocation"]["amount"] == 100_000_000


def test_api_transition_on_another_communes_request_is_not_found(
    make_request, advance, ia_grai_officer
):
    investment = advance(make_request(), *TO_APPROVED)
    response = transition(ia_grai_officer, investment, action="start_purchasing")
    assert response.status_code == 404
    assert InvestmentRequest.objects.get().status == Status.APPROVED
