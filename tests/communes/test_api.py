from django.urls import reverse
from rest_framework.test import APIClient

from communes.models import Disbursement, InvestmentRequest, LineItem
from communes.workflow import Action, Status
from tests.communes.builders import ITEMS
from tests.communes.conftest import REQUESTED, TO_ALLOCATED, TO_APPROVED


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
    assert lower.status_code == 400 and "reason" in lower.data["errors"]
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
    assert too_much.status_code == 400 and "amount" in too_much.data["errors"]
    missing = transition(finance, investment, action="allocate")
    assert missing.status_code == 400 and {"programme", "amount", "decided_on"} <= set(
        missing.data["errors"]
    )
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


def create(user, **data):
    return api(user).post(reverse("api_commune_request_list"), data, format="json")


def edit(user, investment, method="put", **data):
    """An edit based on the request as it is now (its current ``version``)."""
    url = reverse("api_commune_request_detail", args=[investment.pk])
    data.setdefault("version", InvestmentRequest.objects.get(pk=investment.pk).version)
    return getattr(api(user), method)(url, data, format="json")


def disburse(user, investment, **data):
    url = reverse("api_commune_disbursement_create", args=[investment.pk])
    values = {"amount": 50_000_000, "paid_on": "2025-09-15", "reference": "UNC 12"} | data
    return api(user).post(url, values, format="json")


def filed(commune, **data):
    values = {"commune": commune.pk, "title": "Trang bị máy tính", "justification": "Phục vụ dân"}
    return values | {"items": ITEMS} | data


def test_api_creates_a_request_with_its_line_items(commune_officer, pleiku):
    response = create(commune_officer, **filed(pleiku))
    assert response.status_code == 201
    investment = InvestmentRequest.objects.get()
    assert response.data["id"] == investment.pk and response.data["status"] == "draft"
    assert [i["amount"] for i in response.data["items"]] == [180_000_000, 50_000_000]
    assert investment.commune == pleiku and investment.created_by == commune_officer
    assert investment.status == Status.DRAFT and investment.requested_amount == REQUESTED
    assert list(investment.items.values_list("category", "quantity", "unit_price")) == [
        ("computers", 10, 18_000_000),
        ("scanners", 2, 25_000_000),
    ]


def test_api_create_is_refused_to_others_than_the_communes_officer(
    pleiku, ia_grai_officer, reviewer, finance
):
    # Another commune's id is not one the officer may choose: refused on the field.
    refused = create(ia_grai_officer, **filed(pleiku))
    assert refused.status_code == 400 and list(refused.data["errors"]) == ["commune"]
    # Readers of every commune may see it, but only its own officer files its requests.
    refused = create(reviewer, **filed(pleiku))
    assert refused.status_code == 403
    assert refused.data["detail"] == (
        "Chỉ cán bộ của chính xã, phường mới được lập đề xuất của xã, phường đó."
    )
    assert create(finance, **filed(pleiku)).status_code == 403
    assert create(None, **filed(pleiku)).status_code in (401, 403)
    unknown = create(ia_grai_officer, **(filed(pleiku) | {"commune": 999_999}))
    assert unknown.status_code == 400 and "commune" in unknown.data["errors"]
    assert not InvestmentRequest.objects.exists()


def test_api_bad_line_items_answer_400_naming_the_line_in_vietnamese(commune_officer, pleiku):
    items = [ITEMS[0], {**ITEMS[1], "quantity": -2, "unit_price": 0}]
    response = create(commune_officer, **filed(pleiku, items=items))
    assert response.status_code == 400
    assert response.data["errors"] == {
        "items[1].quantity": ["Số lượng phải ít nhất là 1."],
        "items[1].unit_price": ["Đơn giá phải lớn hơn 0 đồng."],
    }
    # Input that is not even a number is named the same way.
    typo = create(commune_officer, **filed(pleiku, items=[{**ITEMS[0], "quantity": "mười"}]))
    assert typo.status_code == 400 and set(typo.data["errors"]) == {"items[0].quantity"}
    empty = create(commune_officer, **filed(pleiku, items=[]))
    assert empty.data["errors"] == {"items": ["Cần có ít nhất một hạng mục."]}
    english = api(commune_officer).post(
        reverse("api_commune_request_list"),
        filed(pleiku, items=items),
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert english.data["errors"]["items[1].quantity"] == ["Quantity must be at least 1."]
    assert not InvestmentRequest.objects.exists() and not LineItem.objects.exists()


def test_api_edits_a_draft_or_returned_request(make_request, advance, commune_officer):
    investment = make_request()
    items = [{"category": "network", "description": "Switch", "quantity": 3, "unit_price": 5_000}]
    put = edit(commune_officer, investment, title="Mạng nội bộ", justification="LAN", items=items)
    assert put.status_code == 200 and put.data["requested_amount"] == 15_000
    investment.refresh_from_db()
    assert investment.title == "Mạng nội bộ" and investment.requested_amount == 15_000
    assert list(investment.items.values_list("description", flat=True)) == ["Switch"]

    returned = advance(investment, Action.SUBMIT, Action.START_REVIEW, Action.RETURN)
    patch = edit(commune_officer, returned, method="patch", justification="Bổ sung báo giá")
    assert patch.status_code == 200
    returned.refresh_from_db()
    assert returned.justification == "Bổ sung báo giá" and returned.title == "Mạng nội bộ"
    assert returned.requested_amount == 15_000 and returned.items.count() == 1
    assert returned.status == Status.RETURNED


def test_api_edit_is_refused_by_role_commune_and_state(
    make_request, advance, commune_officer, ia_grai_officer, reviewer
):
    investment = advance(make_request(), Action.SUBMIT)
    assert edit(reviewer, investment, method="patch", title="X").status_code == 403
    assert edit(ia_grai_officer, investment, method="patch", title="X").status_code == 404
    late = edit(commune_officer, investment, method="patch", title="X")
    assert late.status_code == 400
    message = 'Đề xuất đang ở trạng thái "đã gửi" nên không thể sửa nữa.'
    assert late.data == {
        "code": "validation_error",
        "detail": message,
        "errors": {"non_field_errors": [message]},
    }
    incomplete = edit(commune_officer, make_request(), title="Thiếu hạng mục")
    assert incomplete.status_code == 400 and set(incomplete.data["errors"]) == {
        "justification",
        "items",
    }
    investment.refresh_from_db()
    assert investment.title == "Trang bị máy tính" and investment.status == Status.SUBMITTED


def test_api_bad_line_item_on_edit_changes_nothing(make_request, commune_officer):
    investment = make_request()
    items = [{**ITEMS[0], "quantity": -1}]
    response = edit(commune_officer, investment, method="patch", title="Mới", items=items)
    assert response.status_code == 400
    assert response.data["errors"] == {"items[0].quantity": ["Số lượng phải ít nhất là 1."]}
    investment.refresh_from_db()
    assert investment.title == "Trang bị máy tính" and investment.items.count() == 2


def test_api_finance_records_disbursements_up_to_the_allocation(make_request, advance, finance):
    investment = advance(make_request(), *TO_ALLOCATED)
    response = disburse(finance, investment, amount=200_000_000)
    assert response.status_code == 201 and response.data["amount"] == 200_000_000
    payment = Disbursement.objects.get()
    assert payment.allocation == investment.allocation and payment.created_by == finance
    assert payment.reference == "UNC 12" and str(payment.paid_on) == "2025-09-15"

    over = disburse(finance, investment, amount=REQUESTED - 200_000_000 + 1)
    assert over.status_code == 400
    assert set(over.data["errors"]) == {"amount"}
    assert over.data["errors"]["amount"][0].startswith("Số tiền vượt quá phần chưa giải ngân")
    negative = disburse(finance, investment, amount=-5, reference=" ")
    assert negative.status_code == 400 and set(negative.data["errors"]) == {"amount", "reference"}
    assert Disbursement.objects.count() == 1


def test_api_disbursement_is_refused_to_other_roles_and_before_allocation(
    make_request, advance, finance, reviewer, commune_officer, ia_grai_officer
):
    approved = advance(make_request(), *TO_APPROVED)
    early = disburse(finance, approved)
    assert early.status_code == 400
    assert early.data["errors"] == {
        "non_field_errors": ["Chỉ ghi nhận giải ngân sau khi đã phân bổ kinh phí."]
    }
    investment = advance(approved, Action.ALLOCATE)
    denied = disburse(reviewer, investment)
    assert denied.status_code == 403
    assert denied.data == {
        "code": "permission_denied",
        "detail": "Chỉ cán bộ tài chính mới được ghi nhận giải ngân.",
        "errors": {},
    }
    assert disburse(commune_officer, investment).status_code == 403
    assert disburse(ia_grai_officer, investment).status_code == 404
    assert disburse(None, investment).status_code in (401, 403)
    assert not Disbursement.objects.exists()
