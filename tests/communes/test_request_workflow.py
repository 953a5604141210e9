import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from communes import services
from communes.models import InvestmentRequest, TransitionLog
from communes.workflow import TRANSITIONS, Action, Status
from tests.communes.conftest import ITEMS, REQUESTED, TO_ALLOCATED, TO_APPROVED


def test_a_request_goes_from_draft_to_completed_and_every_step_says_who_and_when(
    make_request, advance, commune_officer, reviewer, finance
):
    request = make_request()
    assert request.status == Status.DRAFT and request.requested_amount == REQUESTED
    request = advance(request, *TO_ALLOCATED, Action.START_PURCHASING, Action.COMPLETE)
    assert request.status == Status.COMPLETED
    assert request.acceptance_record == "Biên bản nghiệm thu số 1"
    steps = list(request.transitions.values_list("action", "to_status", "user__username"))
    assert steps == [
        ("submit", "submitted", "commune_officer"),
        ("start_review", "under_review", "reviewer"),
        ("approve", "approved", "reviewer"),
        ("allocate", "allocated", "finance"),
        ("start_purchasing", "purchasing", "commune_officer"),
        ("complete", "completed", "commune_officer"),
    ]
    assert all(step.at for step in request.transitions.all())


# Each action and a persona who must be refused it (right state, wrong role).
WRONG_ACTOR = {
    Action.SUBMIT: "reviewer",
    Action.START_REVIEW: "commune_officer",
    Action.APPROVE: "finance",
    Action.RETURN: "commune_officer",
    Action.REJECT: "secretariat",
    Action.ALLOCATE: "reviewer",
    Action.START_PURCHASING: "finance",
    Action.COMPLETE: "leader",
}
BEFORE = {
    Action.SUBMIT: (),
    Action.START_REVIEW: (Action.SUBMIT,),
    Action.APPROVE: (Action.SUBMIT, Action.START_REVIEW),
    Action.RETURN: (Action.SUBMIT, Action.START_REVIEW),
    Action.REJECT: (Action.SUBMIT, Action.START_REVIEW),
    Action.ALLOCATE: TO_APPROVED,
    Action.START_PURCHASING: TO_ALLOCATED,
    Action.COMPLETE: (*TO_ALLOCATED, Action.START_PURCHASING),
}


@pytest.mark.parametrize("action", list(WRONG_ACTOR))
def test_each_step_is_refused_to_the_wrong_role_and_nothing_changes(
    action, request, make_request, advance, programme
):
    assert set(WRONG_ACTOR) == set(TRANSITIONS)
    investment = advance(make_request(), *BEFORE[action])
    status, steps = investment.status, TransitionLog.objects.count()
    intruder = request.getfixturevalue(WRONG_ACTOR[action])
    data = {"programme": programme, "amount": 1, "decision_number": "1", "decided_on": "2025-09-01"}
    kwargs = data if action == Action.ALLOCATE else {"reason": "x", "acceptance_record": "x"}
    with pytest.raises(PermissionDenied):
        services.request_act(request=investment, user=intruder, action=action, **kwargs)
    investment.refresh_from_db()
    assert investment.status == status and TransitionLog.objects.count() == steps


def test_a_step_not_allowed_from_the_current_state_is_refused_naming_the_state(
    make_request, reviewer
):
    draft = make_request()
    with pytest.raises(ValidationError) as error:
        services.request_transition(
            request=draft, user=reviewer, action=Action.APPROVE, approved_amount=1
        )
    assert "nháp" in error.value.message_dict["action"][0]
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.approved_amount is None


def test_another_communes_officer_cannot_submit_or_edit_it(make_request, ia_grai_officer, ia_grai):
    draft = make_request()
    with pytest.raises(PermissionDenied):
        services.request_act(request=draft, user=ia_grai_officer, action=Action.SUBMIT)
    with pytest.raises(PermissionDenied):
        services.request_update(
            request=draft, user=ia_grai_officer, title="x", justification="x", items=ITEMS
        )
    with pytest.raises(PermissionDenied):
        services.request_create(
            commune=draft.commune, user=ia_grai_officer, title="x", justification="x", items=ITEMS
        )
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.title == "Trang bị máy tính"


def test_the_reviewer_may_approve_less_than_requested_only_with_a_reason(
    make_request, advance, reviewer
):
    investment = advance(make_request(), Action.SUBMIT, Action.START_REVIEW)
    approve = {"request": investment, "user": reviewer, "action": Action.APPROVE}
    with pytest.raises(ValidationError) as error:
        services.request_transition(**approve, approved_amount=200_000_000)
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.request_transition(**approve, approved_amount=REQUESTED + 1)
    assert "approved_amount" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.request_transition(**approve, approved_amount=0)
    investment = services.request_transition(
        **approve, approved_amount=200_000_000, reason="Giảm số máy tính theo định mức"
    )
    assert investment.status == Status.APPROVED and investment.approved_amount == 200_000_000
    assert investment.review_reason == "Giảm số máy tính theo định mức"


def test_returning_needs_a_reason_and_the_commune_may_then_edit_and_resubmit(
    make_request, advance, reviewer, commune_officer
):
    investment = advance(make_request(), Action.SUBMIT, Action.START_REVIEW)
    with pytest.raises(ValidationError) as error:
        services.request_transition(
            request=investment, user=reviewer, action=Action.RETURN, reason="  "
        )
    assert "reason" in error.value.message_dict
    investment = advance(investment, Action.RETURN)
    assert investment.status == Status.RETURNED
    services.request_update(
        request=investment,
        user=commune_officer,
        title="Trang bị máy tính (bổ sung)",
        justification="Có báo giá",
        items=ITEMS[:1],
    )
    investment = advance(InvestmentRequest.objects.get(pk=investment.pk), Action.SUBMIT)
    assert investment.status == Status.SUBMITTED
    assert investment.requested_amount == 180_000_000


def test_a_submitted_request_can_no_longer_be_edited(make_request, advance, commune_officer):
    investment = advance(make_request(), Action.SUBMIT)
    with pytest.raises(ValidationError):
        services.request_update(
            request=investment, user=commune_officer, title="x", justification="x", items=ITEMS
        )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"quantity": 0}, "Dòng 1, số lượng: Số lượng phải ít nhất là 1."),
        ({"quantity": -3}, "Dòng 1, số lượng: Số lượng phải ít nhất là 1."),
        ({"unit_price": 0}, "Dòng 1, đơn giá (đồng): Đơn giá phải lớn hơn 0 đồng."),
        ({"unit_price": -5}, "Dòng 1, đơn giá (đồng): Đơn giá phải lớn hơn 0 đồng."),
    ],
)
def test_bad_quantities_and_prices_are_refused_naming_line_and_field(make_request, change, message):
    with pytest.raises(ValidationError) as error:
        make_request(items=[{**ITEMS[0], **change}])
    assert error.value.message_dict["items"] == [message]
    assert not InvestmentRequest.objects.exists()


def test_a_request_needs_at_least_one_line(make_request):
    with pytest.raises(ValidationError) as error:
        make_request(items=[])
    assert "items" in error.value.message_dict


def test_every_change_of_money_on_a_request_is_in_its_history(make_request, advance):
    investment = advance(make_request(), *TO_APPROVED)
    records = list(investment.history.order_by("history_date", "history_id"))
    assert records[0].history_user.username == "commune_officer"
    assert records[-1].history_user.username == "reviewer"
    assert records[-1].approved_amount == REQUESTED
    assert records[-2].approved_amount is None
